package dev.esl.tagmanager.dispatch;

import java.time.Instant;

/** One result from an AP, its wire job id split into our job id and the attempt it reports on. */
record ApResult(long jobId, int attempt, String tagId, String state, Instant at, String reason, Integer errorCode,
        String traceId) {
}
