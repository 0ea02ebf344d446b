package io.taskq.worker;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.core.TaskRetryException;
import io.taskq.protocol.WireMessage;

/**
 * How the delivery of a task ended. Interceptors and the handler produce one, electors may replace it (a failure
 * becomes a retry), handlers apply it (schedule, store, keep, dead-letter), and lifecycle listeners are told of it;
 * listeners are also told when processing failed before an outcome was applied ({@link Requeued}).
 */
public sealed interface TaskOutcome {

	/**
	 * The handler returned.
	 *
	 * @param result what it returned, as JSON ({@code null} for {@code void} and {@code null})
	 */
	record Succeeded(@Nullable JsonNode result) implements TaskOutcome {
	}

	/**
	 * The handler threw (or ran past its hard time limit). Before election, the task may still retry; once
	 * elected, it failed for good.
	 *
	 * @param error what it threw
	 */
	record Failed(Throwable error) implements TaskOutcome {
	}

	/**
	 * The handler asked to be retried ({@code throw context.retry(...)}).
	 *
	 * @param request what it threw, with the countdown it asked for and the cause it gave, if any
	 */
	record RetryRequested(TaskRetryException request) implements TaskOutcome {
	}

	/**
	 * Elected: the task runs again, as a new message on the schedule.
	 *
	 * @param retryMessage the message of the next attempt
	 * @param eta when the next attempt is due
	 * @param countdown how long from now that is
	 * @param reason why it retries: what the task threw, the cause it gave when it asked to retry, or else its
	 * request to retry itself
	 */
	record Retrying(WireMessage retryMessage, Instant eta, Duration countdown, Throwable reason)
			implements TaskOutcome {
	}

	/**
	 * The task did not run, and will not: Celery's REVOKED, with {@code TaskRevokedError(reason)}.
	 *
	 * @param kind why
	 * @param reason the error's argument: {@code revoked}, {@code expired}, {@code terminated} or what skipped it
	 */
	record Revoked(Kind kind, String reason) implements TaskOutcome {

		/**
		 * Why a task was revoked.
		 */
		public enum Kind {

			/** Revoked by a caller before it ran. */
			REVOKED,

			/** Received after its {@code expires} time. */
			EXPIRED,

			/** Interrupted while it ran, by a revoke with {@code terminate}. */
			TERMINATED,

			/** Not run because another run held its exclusive key. */
			SKIPPED

		}

	}

	/**
	 * The task runs later: the message waits on the schedule until it is due (an early ETA, a rate-limit slot, an
	 * exclusive key held by another run).
	 *
	 * @param message the message to schedule
	 * @param due when it is due
	 * @param reason why, for the log
	 */
	record Deferred(WireMessage message, Instant due, String reason) implements TaskOutcome {
	}

	/**
	 * The message cannot run: it goes to the dead-letter queue with the reason, and FAILURE is stored when its task
	 * id is known.
	 *
	 * @param reason short reason code, such as {@code malformed-body} or {@code invalid-arguments}
	 * @param error what made it unrunnable
	 * @param storedError the exception to store, or {@code null} for {@code error} itself
	 */
	record Rejected(String reason, Throwable error, @Nullable ObjectNode storedError) implements TaskOutcome {
	}

	/**
	 * Processing failed before an outcome was applied (the worker is stopping, a store or the broker cannot be
	 * reached): nothing was applied, and the delivery goes back to the queue. Only lifecycle listeners see it.
	 *
	 * @param cause why processing failed
	 */
	record Requeued(Throwable cause) implements TaskOutcome {
	}

	/**
	 * Nothing to do: the task finished elsewhere, and this copy of it is dropped.
	 *
	 * @param reason why, for the log
	 */
	record Dropped(String reason) implements TaskOutcome {
	}

}
