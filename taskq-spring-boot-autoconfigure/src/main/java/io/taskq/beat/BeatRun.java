package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One tick of a schedule, as kept in its history.
 *
 * @param scheduledAt the tick: when the schedule said it should run
 * @param firedAt when an instance sent it, or {@code null} if it was not sent
 * @param lateness how long after the tick it was sent ({@link Duration#ZERO} if it was not sent)
 * @param taskId the id of the task sent, or {@code null} if it was not sent
 * @param outcome what became of the tick
 * @param taskState the task's state when the history was read (for example {@code SUCCESS}), or {@code null}
 * if unknown
 */
public record BeatRun(Instant scheduledAt, @Nullable Instant firedAt, Duration lateness, @Nullable String taskId,
		Outcome outcome, @Nullable String taskState) {

	/**
	 * What became of a tick.
	 */
	public enum Outcome {

		/** Sent at its tick. */
		FIRED,

		/** Sent on demand ({@link BeatOperations#trigger(String)}), outside the ticks. */
		TRIGGERED,

		/** Not sent: the previous run had not finished ({@link Overlap}). */
		SKIPPED,

		/** Not sent: it passed while no instance could fire it ({@link MissedTicks}). */
		MISSED,

		/**
		 * Not sent: the task could not be sent as defined (its arguments cannot be written as JSON, for instance).
		 */
		FAILED

	}

}
