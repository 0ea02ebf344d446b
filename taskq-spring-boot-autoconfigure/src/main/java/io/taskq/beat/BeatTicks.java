package io.taskq.beat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of ticks, the same on every instance: which ticks to fire when a schedule is due, the id of
 * each tick's task and its jitter. Pure functions of the schedule and the instants given.
 */
public final class BeatTicks {

	/**
	 * The most ticks one plan fires; the rest are fired by the next plans.
	 */
	public static final int MAX_FIRED = 1000;

	/**
	 * The most missed ticks of a cron trigger that are counted, one by one; a fixed-rate trigger's are counted
	 * exactly, whatever their number.
	 */
	public static final int MAX_COUNTED = 10_000;

	private BeatTicks() {
	}

	/**
	 * Decide what to fire for a schedule found due. The ticks considered are those from the first tick at or
	 * after {@code due} up to {@code now}. A tick more than {@code misfireThreshold} before {@code now} is late,
	 * and the schedule's {@link MissedTicks} policy decides which late ticks are fired and which are missed; the
	 * other ticks are fired. At most {@link #MAX_FIRED} ticks are fired: if more are to fire, the plan's next
	 * tick is the first one not considered (not after {@code now}), so the next plan goes on from there.
	 * @param schedule the schedule
	 * @param due the tick it was due at (its stored next due)
	 * @param now the current instant
	 * @param misfireThreshold how late a tick may be and still be fired as on time
	 * @return the plan
	 */
	public static TickPlan plan(BeatSchedule schedule, Instant due, Instant now, Duration misfireThreshold) {
		Instant first = schedule.nextTick(due.minusNanos(1));
		if (first == null || first.isAfter(now)) {
			return new TickPlan(List.of(), 0, null, first);
		}
		Instant lateBefore = now.minus(misfireThreshold);
		Instant lastMissed = switch (schedule.missedTicks()) {
			case SKIP -> latest(schedule, first, lateBefore.minusNanos(1));
			case FIRE_ONCE -> {
				Instant lastLate = latest(schedule, first, lateBefore.minusNanos(1));
				yield (lastLate != null) ? latest(schedule, first, lastLate.minusNanos(1)) : null;
			}
			case CATCH_UP -> {
				Instant windowStart = now.minus(schedule.catchUpWindow());
				Instant missedBefore = windowStart.isBefore(lateBefore) ? windowStart : lateBefore;
				yield latest(schedule, first, missedBefore.minusNanos(1));
			}
		};
		List<Instant> fire = new ArrayList<>();
		Instant tick = (lastMissed != null) ? schedule.nextTick(lastMissed) : first;
		while (tick != null && !tick.isAfter(now) && fire.size() < MAX_FIRED) {
			fire.add(tick);
			tick = schedule.nextTick(tick);
		}
		long missed = (lastMissed != null) ? count(schedule, first, lastMissed) : 0;
		return new TickPlan(List.copyOf(fire), missed, lastMissed, tick);
	}

	/**
	 * The latest tick between two instants, both included, or {@code null} if there is none. Found by halving
	 * the interval that may still hold it, so it takes a few dozen steps even across years of ticks.
	 */
	private static @Nullable Instant latest(BeatSchedule schedule, Instant from, Instant to) {
		Instant tick = schedule.nextTick(from.minusNanos(1));
		if (tick == null || tick.isAfter(to)) {
			return null;
		}
		Instant bound = to;
		while (true) {
			Instant next = schedule.nextTick(tick);
			if (next == null || next.isAfter(bound)) {
				return tick;
			}
			tick = next;
			Instant middle = tick.plus(Duration.between(tick, bound).dividedBy(2));
			Instant probe = schedule.nextTick(middle);
			if (probe != null && !probe.isAfter(bound)) {
				tick = probe;
			}
			else {
				bound = middle;
			}
		}
	}

	/**
	 * How many ticks lie between two ticks of the schedule, both included: exactly for a fixed rate, up to
	 * {@link #MAX_COUNTED} for a cron expression.
	 */
	private static long count(BeatSchedule schedule, Instant first, Instant last) {
		if (schedule.trigger() instanceof BeatTrigger.Every every) {
			return every.count(first, last);
		}
		long count = 0;
		Instant tick = first;
		while (tick != null && !tick.isAfter(last) && count < MAX_COUNTED) {
			count++;
			tick = schedule.nextTick(tick);
		}
		return count;
	}

	/**
	 * The id of the task a tick sends: a name-based UUID of the schedule's name and the tick, so that every
	 * instance derives the same one. It is {@link UUID#nameUUIDFromBytes(byte[])} (an MD5-based version 3 UUID,
	 * without a namespace) of {@code taskq-beat:<name>:<tick in epoch milliseconds>} in UTF-8.
	 * @param name the schedule's name
	 * @param tick the tick
	 * @return the task id
	 */
	public static String taskId(String name, Instant tick) {
		byte[] bytes = ("taskq-beat:" + name + ":" + tick.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
		return UUID.nameUUIDFromBytes(bytes).toString();
	}

	/**
	 * How long after its tick a tick's task is delayed: derived from the schedule's name and the tick, between
	 * zero and the schedule's jitter (excluded), in whole milliseconds. It is the first eight bytes of the
	 * SHA-256 of {@code <name>:<tick in epoch milliseconds>} in UTF-8, read as an unsigned big-endian number,
	 * modulo the jitter in milliseconds: the same on every instance, and spread evenly over the jitter.
	 * @param schedule the schedule
	 * @param tick the tick
	 * @return the delay
	 */
	public static Duration jitter(BeatSchedule schedule, Instant tick) {
		long bound = schedule.jitter().toMillis();
		if (bound == 0) {
			return Duration.ZERO;
		}
		byte[] digest = sha256((schedule.name() + ":" + tick.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
		return Duration.ofMillis(Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), bound));
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * What to do for a due schedule.
	 *
	 * @param fire the ticks to send, oldest first
	 * @param missed how many ticks are missed (not sent); for a cron trigger, counted up to
	 * {@link #MAX_COUNTED}
	 * @param lastMissed the latest missed tick, or {@code null} if none
	 * @param next the tick to go on from: the first tick after {@code now}, or the first one not considered if
	 * the plan fires {@link #MAX_FIRED} ticks; {@code null} if the schedule has no more
	 */
	public record TickPlan(List<Instant> fire, long missed, @Nullable Instant lastMissed, @Nullable Instant next) {
	}

}
