package dev.esl.tagmanager.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user to create, or the new state of one. {@code password} may be left out of an update to keep the old one;
 * {@code storeId} is required for clerks and store managers and refused for the others.
 */
public record UserRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}", message = "3 to 64 letters, digits, '.', '_', '@' or '-'")
        String username,
        @Size(min = 10, max = 200, message = "10 to 200 characters") String password,
        @NotNull Role role,
        String storeId,
        @Size(max = 100) String displayName,
        Boolean enabled) {
}
