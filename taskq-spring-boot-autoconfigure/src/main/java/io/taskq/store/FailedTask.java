package io.taskq.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A task that failed for good, kept with its message so it can be re-driven.
 *
 * @param taskId the task id
 * @param task the task name
 * @param queue the queue it ran from, and goes back to when re-driven
 * @param retries retries it had when it failed
 * @param errorType the exception type
 * @param errorMessage the exception message
 * @param traceback the stack trace
 * @param failedAt when it failed
 */
public record FailedTask(String taskId, String task, String queue, int retries, String errorType,
		@Nullable String errorMessage, @Nullable String traceback, Instant failedAt) {
}
