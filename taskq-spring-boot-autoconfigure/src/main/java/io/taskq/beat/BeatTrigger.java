package io.taskq.beat;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

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
	 * Ticks at the local times a cron expression names in a zone. Each matching local date-time maps to one
	 * instant: a local time that a daylight-saving change skips maps to the instant of the change (the first
	 * valid instant after it), so all the skipped times of one change fire once, together; a local time that
	 * happens twice maps to its first occurrence only. Equal when their expressions are.
	 */
	final class Cron implements BeatTrigger {

		private final String expression;

		private final CronExpression parsed;

		/**
		 * Parse a cron expression (see {@link BeatTrigger#cron(String)}).
		 * @param expression the expression
		 * @throws IllegalArgumentException if the expression is not valid
		 */
		public Cron(String expression) {
			Assert.hasText(expression, "A cron expression must not be empty");
			this.expression = expression;
			this.parsed = parse(expression);
		}

		private static CronExpression parse(String expression) {
			String trimmed = expression.trim();
			String sixFields = (trimmed.split("\\s+").length == 5) ? "0 " + trimmed : trimmed;
			try {
				return CronExpression.parse(sixFields);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Invalid cron expression '" + expression + "': " + ex.getMessage(),
						ex);
			}
		}

		/**
		 * The expression as given.
		 * @return the expression
		 */
		public String expression() {
			return this.expression;
		}

		@Override
		public @Nullable Instant next(Instant after, ZoneId zone) {
			LocalDateTime match = this.parsed.next(lastLocalTimeAtOrBefore(after, zone));
			return (match != null) ? instantOf(match, zone) : null;
		}

		/**
		 * The latest local date-time whose instant (as {@link #instantOf} maps it) is not after an instant. It
		 * is the local time at that instant, unless the instant is the second occurrence of a repeated local
		 * time: the repeated ones map to their first occurrences, all earlier, so it is the end of the overlap.
		 * As the mapping never decreases, the first match after this local time maps to the first tick after
		 * the instant.
		 */
		private static LocalDateTime lastLocalTimeAtOrBefore(Instant instant, ZoneId zone) {
			ZoneRules rules = zone.getRules();
			LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
			ZoneOffsetTransition transition = rules.getTransition(local);
			if (transition != null && transition.isOverlap()
					&& rules.getOffset(instant).equals(transition.getOffsetAfter())) {
				return transition.getDateTimeBefore().minusNanos(1);
			}
			return local;
		}

		private static Instant instantOf(LocalDateTime local, ZoneId zone) {
			ZoneOffsetTransition transition = zone.getRules().getTransition(local);
			if (transition == null) {
				return local.atZone(zone).toInstant();
			}
			return transition.isGap() ? transition.getInstant() : local.toInstant(transition.getOffsetBefore());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other || (other instanceof Cron cron && this.expression.equals(cron.expression));
		}

		@Override
		public int hashCode() {
			return this.expression.hashCode();
		}

		@Override
		public String toString() {
			return "Cron[" + this.expression + "]";
		}

	}

	/**
	 * Ticks at {@code anchor + k * period} for every whole {@code k} from zero: the first tick is the anchor.
	 * @param period the period, at least a millisecond
	 * @param anchor the instant the ticks count from
	 */
	record Every(Duration period, Instant anchor) implements BeatTrigger {

		private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000);

		/**
		 * Check the period.
		 * @param period the period, at least a millisecond
		 * @param anchor the instant the ticks count from
		 */
		public Every {
			Assert.isTrue(period.compareTo(Duration.ofMillis(1)) >= 0, "A period must be at least a millisecond");
		}

		@Override
		public @Nullable Instant next(Instant after, ZoneId zone) {
			return after.isBefore(this.anchor) ? this.anchor : tick(index(after).add(BigInteger.ONE));
		}

		/**
		 * How many ticks lie between two instants, both included.
		 * @param from the first instant
		 * @param to the last instant
		 * @return the number of ticks, {@link Long#MAX_VALUE} if more
		 */
		long count(Instant from, Instant to) {
			if (to.isBefore(from) || to.isBefore(this.anchor)) {
				return 0;
			}
			BigInteger first = from.isAfter(this.anchor) ? index(from.minusNanos(1)).add(BigInteger.ONE)
					: BigInteger.ZERO;
			BigInteger count = index(to).subtract(first).add(BigInteger.ONE);
			return (count.bitLength() < Long.SIZE) ? count.longValue() : Long.MAX_VALUE;
		}

		/** The index {@code k} of the last tick not after an instant that is not before the anchor. */
		private BigInteger index(Instant instant) {
			return nanos(Duration.between(this.anchor, instant)).divide(nanos(this.period));
		}

		private @Nullable Instant tick(BigInteger index) {
			BigInteger[] secondsAndNanos = nanos(this.period).multiply(index).divideAndRemainder(NANOS_PER_SECOND);
			try {
				return this.anchor.plusSeconds(secondsAndNanos[0].longValueExact())
					.plusNanos(secondsAndNanos[1].longValue());
			}
			catch (ArithmeticException | DateTimeException ex) {
				return null;
			}
		}

		private static BigInteger nanos(Duration duration) {
			return BigInteger.valueOf(duration.getSeconds())
				.multiply(NANOS_PER_SECOND)
				.add(BigInteger.valueOf(duration.getNano()));
		}

	}

}
