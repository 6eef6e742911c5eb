package dev.esl.tagmanager.ap;

import java.time.Instant;

/** An AP gateway as its last retained status described it ({@code state} is {@code unknown} before any). */
public record Ap(String serial, String storeId, String state, String radio, String firmware, String dongle,
        Integer tagsHeard, Integer pendingJobs, String version, Instant statusAt) {
}
