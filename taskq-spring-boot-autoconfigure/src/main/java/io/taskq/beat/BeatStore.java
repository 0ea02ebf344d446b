package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where schedules, the next due instant and the last fired tick of each, and their histories are kept, shared
 * by every instance. The default implementation keeps them in Redis ({@code io.taskq.store.redis}), with every
 * key expiring.
 */
public interface BeatStore {

	/**
	 * Make the declared schedules the given ones: add new ones, replace changed ones (a paused schedule stays
	 * paused; its fired state stays), and remove declared schedules not among them. Schedules added at runtime
	 * are left alone.
	 * @param declared the schedules declared in code and configuration
	 * @param nextDue computes a schedule's first due instant, given the current instant
	 * @return the names of the declared schedules removed
	 */
	List<String> syncDeclared(Collection<BeatSchedule> declared, NextDue nextDue);

	/**
	 * Add or replace a schedule.
	 * @param schedule the schedule
	 * @param nextDue computes its next due instant, given the current instant
	 */
	void save(BeatSchedule schedule, NextDue nextDue);

	/**
	 * Remove a schedule, its state and its history.
	 * @param name the schedule's name
	 * @return whether it existed
	 */
	boolean remove(String name);

	/**
	 * Read a schedule with its state.
	 * @param name the schedule's name
	 * @return the entry, or {@code null} if none
	 */
	@Nullable Entry get(String name);

	/**
	 * Read every schedule with its state.
	 * @return the entries
	 */
	List<Entry> list();

	/**
	 * Find the schedules due by the store's clock and claim them, in one round trip: each is kept from other
	 * instances' polls for {@code claim}, after which it is due again if its claimer did not advance it.
	 * @param max at most this many
	 * @param claim how long a claim lasts
	 * @return what was claimed, the store's current instant, and the earliest due instant left
	 */
	Poll claimDue(int max, Duration claim);

	/**
	 * Record the outcome of a claimed schedule's ticks, if its last tick is still the one read when it was
	 * claimed (so that of two instances that both handled the same due tick, one records it).
	 * @param name the schedule's name
	 * @param expectedLastTick the last tick read when claimed, or {@code null} if none was
	 * @param lastTick the new last tick, or {@code null} to keep the one recorded
	 * @param lastTaskId the id of the last task sent, or {@code null} to keep the one recorded
	 * @param nextDue the next due instant, or {@code null} if the schedule has no more ticks
	 * @param runs the runs to add to its history, oldest first
	 * @return whether it was recorded
	 */
	boolean advance(String name, @Nullable Instant expectedLastTick, @Nullable Instant lastTick,
			@Nullable String lastTaskId, @Nullable Instant nextDue, List<BeatRun> runs);

	/**
	 * Look at a schedule again at an instant, without touching its due tick or its last tick (used while a
	 * buffered tick waits for the previous run, and after a send failed). Does nothing to a paused or removed
	 * schedule.
	 * @param name the schedule's name
	 * @param lookAt when it is claimable again
	 */
	void postpone(String name, Instant lookAt);

	/**
	 * Add runs to a schedule's history without touching its state (a triggered run).
	 * @param name the schedule's name
	 * @param runs the runs, oldest first
	 */
	void addHistory(String name, List<BeatRun> runs);

	/**
	 * A schedule's latest runs.
	 * @param name the schedule's name
	 * @param limit at most this many
	 * @return the runs, newest first, without task states
	 */
	List<BeatRun> history(String name, int limit);

	/**
	 * Computes a schedule's next due instant when it is saved.
	 */
	@FunctionalInterface
	interface NextDue {

		/**
		 * The next due instant.
		 * @param schedule the schedule
		 * @param lastTick its last tick, or {@code null} if it has none
		 * @param now the store's current instant
		 * @return the instant, or {@code null} if it has no more ticks (or is paused)
		 */
		@Nullable Instant compute(BeatSchedule schedule, @Nullable Instant lastTick, Instant now);

		/**
		 * The first tick after now (or after the last tick, if that is later): ticks that passed before are
		 * neither fired nor missed. For a schedule added or changed.
		 * @return the computation
		 */
		static NextDue fromNow() {
			return (schedule, lastTick, now) -> schedule.paused() ? null
					: schedule.nextTick((lastTick != null && lastTick.isAfter(now)) ? lastTick : now);
		}

		/**
		 * The first tick after the last tick (after now if there is none): ticks that passed since are missed
		 * ticks, for the schedule's {@link MissedTicks} policy. For a schedule resumed.
		 * @return the computation
		 */
		static NextDue afterLastTick() {
			return (schedule, lastTick, now) -> schedule.paused() ? null
					: schedule.nextTick((lastTick != null) ? lastTick : now);
		}

	}

	/**
	 * A schedule with its state.
	 *
	 * @param schedule the schedule
	 * @param nextDue when it is next due, or {@code null} if never (paused, or no more ticks)
	 * @param lastTick the last tick it fired or passed, or {@code null} if none
	 * @param lastTaskId the id of the last task it sent, or {@code null} if none
	 */
	record Entry(BeatSchedule schedule, @Nullable Instant nextDue, @Nullable Instant lastTick,
			@Nullable String lastTaskId) {
	}

	/**
	 * The result of a poll.
	 *
	 * @param now the store's current instant, the one every instance decides by
	 * @param claimed the schedules claimed, each with the instant it was due
	 * @param earliestDue the earliest due instant of the schedules left, or {@code null} if none
	 */
	record Poll(Instant now, List<Entry> claimed, @Nullable Instant earliestDue) {
	}

}
