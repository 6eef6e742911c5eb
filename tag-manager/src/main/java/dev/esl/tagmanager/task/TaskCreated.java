package dev.esl.tagmanager.task;

import java.util.List;

/**
 * The answer to a request that creates a task: the task (null when no row could be applied), how many rows
 * were applied and jobs created, and each rejected row with its reasons.
 */
public record TaskCreated(Long taskId, String traceId, int rowsApplied, long jobs, List<RowError> rejected) {
}
