package io.taskq.beat;

import java.util.List;
import java.util.Optional;

import io.taskq.core.TaskHandle;

/**
 * Manages periodic-task schedules at runtime. Changes are kept in the store (Redis) and seen by every instance
 * at its next poll.
 */
public interface BeatOperations {

	/**
	 * Add a schedule, or replace the one of the same name. Its next tick is computed from now.
	 * @param schedule the schedule
	 */
	void save(BeatSchedule schedule);

	/**
	 * Pause a schedule: it fires nothing until resumed.
	 * @param name the schedule's name
	 * @return whether such a schedule exists
	 */
	boolean pause(String name);

	/**
	 * Resume a paused schedule. Ticks that passed while it was paused are missed ticks: its
	 * {@link MissedTicks} policy applies.
	 * @param name the schedule's name
	 * @return whether such a schedule exists
	 */
	boolean resume(String name);

	/**
	 * Send the schedule's task now, once, outside its ticks; recorded in its history as
	 * {@link BeatRun.Outcome#TRIGGERED}.
	 * @param name the schedule's name
	 * @return the handle of the task sent, or empty if no such schedule exists
	 */
	Optional<TaskHandle> trigger(String name);

	/**
	 * Remove a schedule and its history. A schedule declared in code or configuration comes back at the next
	 * start of an application that declares it.
	 * @param name the schedule's name
	 * @return whether such a schedule existed
	 */
	boolean remove(String name);

	/**
	 * A schedule with where it stands.
	 * @param name the schedule's name
	 * @return the schedule, or empty if none has that name
	 */
	Optional<BeatScheduleInfo> get(String name);

	/**
	 * Every schedule, by name, without history.
	 * @return the schedules
	 */
	List<BeatScheduleInfo> list();

}
