package io.taskq.sample.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatScheduleInfo;
import io.taskq.beat.BeatTrigger;

/**
 * A schedule as the API shows it: its definition in the fields {@code PUT /api/schedules/{name}} takes (durations
 * in ISO-8601), whether it is paused or declared in code or configuration, when it is next due and its last tick,
 * and, for a single schedule, its latest runs.
 *
 * @param name the name
 * @param task the task it sends
 * @param cron its cron expression, or {@code null} if it ticks at a fixed rate
 * @param every its fixed rate, or {@code null} if it has a cron expression
 * @param zone the zone its cron expression is read in
 * @param args the positional arguments
 * @param kwargs the keyword arguments
 * @param queue the queue, or {@code null} for the task's own
 * @param missedTicks its missed-ticks policy
 * @param catchUpWindow how far back missed ticks are fired with {@code catch-up}
 * @param overlap its overlap policy
 * @param jitter up to how long each task is delayed after its tick
 * @param start the first instant a tick may be at, or {@code null}
 * @param end the last instant a tick may be at, or {@code null}
 * @param paused whether it is paused
 * @param declared whether it is declared in code or configuration (and put back as declared at the next start)
 * @param nextDue when it is next due, or {@code null} if paused or past its end
 * @param lastTick its last tick, or {@code null} if none yet
 * @param history its latest runs, newest first, or {@code null} in a list of schedules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleView(String name, String task, @Nullable String cron, @Nullable String every, String zone,
		List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, @Nullable String queue, String missedTicks,
		String catchUpWindow, String overlap, String jitter, @Nullable Instant start, @Nullable Instant end,
		boolean paused, boolean declared, @Nullable Instant nextDue, @Nullable Instant lastTick,
		@Nullable List<Run> history) {

	/**
	 * The view of a schedule.
	 * @param info the schedule with where it stands
	 * @param withHistory whether to show its history
	 * @return the view
	 */
	public static ScheduleView of(BeatScheduleInfo info, boolean withHistory) {
		BeatSchedule schedule = info.schedule();
		BeatTrigger trigger = schedule.trigger();
		String cron = (trigger instanceof BeatTrigger.Cron expression) ? expression.expression() : null;
		String every = (trigger instanceof BeatTrigger.Every rate) ? rate.period().toString() : null;
		return new ScheduleView(schedule.name(), schedule.task(), cron, every, schedule.zone().getId(),
				schedule.args(), schedule.kwargs(), schedule.queue(), ScheduleRequest.name(schedule.missedTicks()),
				schedule.catchUpWindow().toString(), ScheduleRequest.name(schedule.overlap()),
				schedule.jitter().toString(), schedule.start(), schedule.end(), schedule.paused(),
				schedule.declared(), info.nextDue(), info.lastTick(),
				withHistory ? info.history().stream().map(Run::of).toList() : null);
	}

	/**
	 * One run of a schedule.
	 *
	 * @param scheduledAt the tick
	 * @param firedAt when it was sent, or {@code null} if it was not
	 * @param latenessMillis how long after the tick it was sent, in milliseconds
	 * @param taskId the task sent, or {@code null}
	 * @param outcome {@code FIRED}, {@code TRIGGERED}, {@code SKIPPED}, {@code MISSED} or {@code FAILED}
	 * @param taskState the task's state, or {@code null} if unknown
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Run(Instant scheduledAt, @Nullable Instant firedAt, long latenessMillis, @Nullable String taskId,
			String outcome, @Nullable String taskState) {

		static Run of(BeatRun run) {
			return new Run(run.scheduledAt(), run.firedAt(), run.lateness().toMillis(), run.taskId(),
					run.outcome().name(), run.taskState());
		}

	}

}
