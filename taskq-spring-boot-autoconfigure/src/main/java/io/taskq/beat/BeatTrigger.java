package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * When a schedule ticks: at the times a cron expression names in a zone, or at a fixed rate. Ticks are
 * deterministic instants, computed from the definition alone, so every instance computes the same ones.
 */
public sealed interface BeatTrigger permits BeatTrigger.Cron, BeatTrigger.Every {

	/**
	 * The first tick strictly after an instant.
	 * @param after the instant
	 * @param zone the zone a cron expression is read in
	 * @return the next tick, or {@code null} if there is none
	 */
	@Nullable Instant next(Instant after, ZoneId zone);

	/**
	 * A trigger from a cron expression: Spring's six fields (second first), the classic five fields (minute
	 * first, read with second 0), or one of Spring's macros such as {@code @daily}.
	 * @param expression the expression
	 * @return the trigger
	 * @throws IllegalArgumentException if the expression is not valid
	 */
	static Cron cron(String expression) {
		return new Cron(expression);
	}

	/**
	 * A trigger at a fixed rate, ticking at {@code anchor + k * period}.
	 * @param period the period, at least a millisecond
	 * @param anchor the instant the ticks count from
	 * @return the trigger
	 */
	static Every every(Duration period, Instant anchor) {
		return new Every(period, anchor);
	}

	/**
	 * Ticks at the local times a cron expression names. A local time that a daylight-saving change skips fires
	 * once, at the first valid instant after it; a local time that happens twice fires once, at its first
	 * occurrence.
	 * @param expression the expression as given
	 */
	record Cron(String expression) implements BeatTrigger {

		@Override
		public @Nullable Instant next(Instant after, ZoneId zone) {
			throw new UnsupportedOperationException("not implemented yet");
		}

	}

	/**
	 * Ticks at {@code anchor + k * period} for every whole {@code k}.
	 * @param period the period
	 * @param anchor the instant the ticks count from
	 */
	record Every(Duration period, Instant anchor) implements BeatTrigger {

		@Override
		public @Nullable Instant next(Instant after, ZoneId zone) {
			throw new UnsupportedOperationException("not implemented yet");
		}

	}

}
