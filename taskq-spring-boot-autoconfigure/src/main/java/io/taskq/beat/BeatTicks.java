package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of ticks, the same on every instance: which ticks to fire when a schedule is due, the id of
 * each tick's task and its jitter. Pure functions of the schedule and the instants given.
 */
public final class BeatTicks {

	private BeatTicks() {
	}

	/**
	 * Decide what to fire for a schedule found due.
	 * @param schedule the schedule
	 * @param due the tick it was due at (its stored next due)
	 * @param now the current instant
	 * @param misfireThreshold how late a tick may be and still be fired as on time
	 * @return the plan
	 */
	public static TickPlan plan(BeatSchedule schedule, Instant due, Instant now, Duration misfireThreshold) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * The id of the task a tick sends: a name-based UUID of the schedule's name and the tick, so that every
	 * instance derives the same one.
	 * @param name the schedule's name
	 * @param tick the tick
	 * @return the task id
	 */
	public static String taskId(String name, Instant tick) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * How long after its tick a tick's task is delayed: derived from the schedule's name and the tick, between
	 * zero and the schedule's jitter.
	 * @param schedule the schedule
	 * @param tick the tick
	 * @return the delay
	 */
	public static Duration jitter(BeatSchedule schedule, Instant tick) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	/**
	 * What to do for a due schedule.
	 *
	 * @param fire the ticks to send, oldest first
	 * @param missed how many ticks are missed (not sent)
	 * @param lastMissed the latest missed tick, or {@code null} if none
	 * @param next the next tick after the ones considered, or {@code null} if the schedule has no more
	 */
	public record TickPlan(List<Instant> fire, long missed, @Nullable Instant lastMissed, @Nullable Instant next) {
	}

}
