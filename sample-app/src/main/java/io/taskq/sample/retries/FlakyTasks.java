package io.taskq.sample.retries;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;

/**
 * Retries to try out: a task standing in for a call to a service that is down for its first few attempts.
 */
@Component
public class FlakyTasks {

	/**
	 * Fail the first {@code failures} attempts, then succeed ({@code tasks.flaky}). Each failure throws
	 * {@link ServiceUnavailableException}, on which the task retries after an exponential backoff (1 s, 2 s, 4 s,
	 * ... drawn at random below that, as Celery's {@code retry_jitter} does); after 5 retries the next failure is
	 * final.
	 * @param failures how many attempts fail before one succeeds
	 * @param context the running task, which counts its retries
	 * @return the number of the attempt that succeeded: {@code failures + 1}
	 */
	@TaskHandler(name = "tasks.flaky", autoRetryFor = ServiceUnavailableException.class, maxRetries = 5,
			retryBackoff = "1s", retryBackoffMax = "30s")
	public int flaky(int failures, TaskContext context) {
		if (failures < 0) {
			throw new IllegalArgumentException("failures must not be negative, was " + failures);
		}
		int attempt = context.getRetries() + 1;
		if (attempt <= failures) {
			throw new ServiceUnavailableException("attempt " + attempt + " of " + (failures + 1) + " failed");
		}
		return attempt;
	}

}
