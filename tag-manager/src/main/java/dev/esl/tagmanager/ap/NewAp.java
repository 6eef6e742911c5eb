package dev.esl.tagmanager.ap;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** An AP in a store: registers it before it first connects, or (PUT) moves it to another store. */
public record NewAp(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "1 to 16 letters, digits, '-' or '_'") String serial,
        @NotBlank String storeId) {
}
