package dev.esl.tagmanager.store;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A store; its id is part of MQTT topics, hence the contract's character set. */
public record Store(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "1 to 16 letters, digits, '-' or '_'") String id,
        @NotBlank String chainId,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR") String currency) {
}
