package dev.esl.tagmanager.task;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An LED flash or a page switch, for the given tags or for every tag bound to a product ({@code sku}): exactly
 * one of the two. {@code led} for a flash, {@code page} for a page switch.
 */
public record TagActionRequest(
        @Size(max = 10_000) List<@Pattern(regexp = "[0-9A-Fa-f]{16}", message = "16 hex digits") String> tags,
        String sku,
        @Valid Led led,
        @Valid Page page,
        Instant deadline,
        @Size(max = 500) String description) {

    @AssertTrue(message = "give either tags or sku")
    public boolean isTargetGiven() {
        return (tags != null && !tags.isEmpty()) ^ (sku != null && !sku.isBlank());
    }

    /** The contract's {@code led} object. */
    public record Led(
            @NotNull @Pattern(regexp = "red|green|blue|white", message = "red, green, blue or white") String color,
            @NotNull @Pattern(regexp = "blink|solid", message = "blink or solid") String pattern,
            @Min(1) @Max(100) int count,
            @Min(100) @Max(600_000) int durationMs) {
    }

    /** The contract's {@code page} object. */
    public record Page(@Min(0) @Max(15) int page, @Min(0) @Max(86_400) int durationSeconds) {
    }
}
