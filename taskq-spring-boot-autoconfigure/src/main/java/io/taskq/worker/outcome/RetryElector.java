package io.taskq.worker.outcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.taskq.core.TaskTemplate;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.CeleryError;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskOutcomeElector;

/**
 * Elects whether a failed task runs again: one that asked to retry, or whose retry policy retries on what it threw,
 * is {@link TaskOutcome.Retrying retrying} while retries are left: a new message with the same id, {@code retries}
 * raised and {@code parent_id} set to itself (Celery's way), due after the countdown. Otherwise it failed for good,
 * with {@code MaxRetriesExceededError} when it asked for one retry too many without a cause, as in Celery.
 */
public class RetryElector implements TaskOutcomeElector {

	private final TaskMessageCodec codec;

	private final Clock clock;

	/**
	 * Create the elector.
	 * @param codec encodes the next attempt's message
	 * @param clock tells when the next attempt is due
	 */
	public RetryElector(TaskMessageCodec codec, Clock clock) {
		this.codec = codec;
		this.clock = clock;
	}

	@Override
	public TaskOutcome elect(TaskExecution execution, TaskOutcome outcome) {
		Duration requested = null;
		Throwable cause;
		Throwable reason;
		if (outcome instanceof TaskOutcome.RetryRequested retry) {
			requested = retry.request().getCountdown();
			cause = retry.request().getCause();
			reason = (cause != null) ? cause : retry.request();
		}
		else if (outcome instanceof TaskOutcome.Failed failed
				&& execution.endpoint().retryPolicy().retriesOn(failed.error())) {
			cause = failed.error();
			reason = cause;
		}
		else {
			return outcome;
		}
		RetryPolicy policy = execution.endpoint().retryPolicy();
		TaskMessage message = execution.message();
		if (message.retries() >= policy.maxRetries() || execution.queue() == null) {
			return new TaskOutcome.Failed((cause != null) ? cause : new MaxRetriesExceededException(message, policy));
		}
		Duration countdown = (requested != null) ? requested
				: policy.countdown(message.retries(), ThreadLocalRandom.current());
		Instant eta = this.clock.instant().plus(countdown);
		TaskMessage next = message.toBuilder()
			.retries(message.retries() + 1)
			.eta(eta)
			.parentId(message.id())
			.header(TaskTemplate.SENT_AT_HEADER, eta.toEpochMilli())
			.build();
		return new TaskOutcome.Retrying(this.codec.encode(next), eta, countdown, reason);
	}

	/**
	 * A task asked to retry once more than its policy allows; stored as Celery's
	 * {@code celery.exceptions.MaxRetriesExceededError}, so a Python caller gets that class.
	 */
	static class MaxRetriesExceededException extends RuntimeException implements CeleryError {

		MaxRetriesExceededException(TaskMessage message, RetryPolicy policy) {
			super("Can't retry " + message + ": max retries (" + policy.maxRetries() + ") exceeded");
		}

		@Override
		public String celeryType() {
			return "MaxRetriesExceededError";
		}

	}

}
