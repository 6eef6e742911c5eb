package dev.esl.tagmanager.task;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Redraws tags at their products' current prices with the templates assigned now: every bound tag of a store
 * ({@code storeId}) or the given tags, exactly one of the two. What pushes a template change to the shelf.
 */
public record ImageRefreshRequest(
        String storeId,
        @Size(max = 10_000) List<@Pattern(regexp = "[0-9A-Fa-f]{16}", message = "16 hex digits") String> tags,
        Instant deadline,
        @Size(max = 500) String description) {

    @AssertTrue(message = "give either storeId or tags")
    public boolean isTargetGiven() {
        return (tags != null && !tags.isEmpty()) ^ (storeId != null && !storeId.isBlank());
    }
}
