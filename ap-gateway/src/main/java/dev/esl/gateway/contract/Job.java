package dev.esl.gateway.contract;

import java.time.Instant;

/** One tag job of a job batch (docs/mqtt-contract.md). Exactly one of image, led, page is set, per action. */
public record Job(String jobId, String taskId, String tagId, Action action, Instant deadline, String traceId,
        ImageContent image, LedCommand led, PageCommand page) {

    public enum Action { IMAGE, LED, PAGE }
}
