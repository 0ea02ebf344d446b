package io.taskq.beat;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A schedule with where it stands.
 *
 * @param schedule the schedule
 * @param nextDue the next tick it will fire, or {@code null} if paused or past its end
 * @param lastTick the last tick it fired or passed, or {@code null} if none yet
 * @param history its latest runs, newest first
 */
public record BeatScheduleInfo(BeatSchedule schedule, @Nullable Instant nextDue, @Nullable Instant lastTick,
		List<BeatRun> history) {
}
