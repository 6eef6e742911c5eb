package dev.esl.tagmanager.store;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A retail chain: the stores under one back office. */
public record Chain(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "1 to 16 letters, digits, '-' or '_'") String id,
        @NotBlank @Size(max = 200) String name) {
}
