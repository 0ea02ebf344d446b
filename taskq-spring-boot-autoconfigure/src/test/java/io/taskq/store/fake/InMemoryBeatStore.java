package io.taskq.store.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatStore;

/**
 * A {@link BeatStore} in memory, for unit tests, with a clock the test sets (the store's clock decides, as Redis's
 * does): claims re-score due schedules to the end of the claim, {@link #advance} is a compare-and-set on the last
 * tick, histories are capped.
 */
public class InMemoryBeatStore implements BeatStore {

	private final Map<String, Stored> schedules = new LinkedHashMap<>();

	private final int historySize;

	private Instant now;

	private boolean unavailable;

	private int calls;

	/**
	 * Create a store.
	 * @param now its clock's first reading
	 * @param historySize how many runs each history keeps
	 */
	public InMemoryBeatStore(Instant now, int historySize) {
		this.now = now;
		this.historySize = historySize;
	}

	/**
	 * Make every call fail, as a store that cannot be reached, or answer again.
	 * @param unavailable whether calls fail
	 */
	public synchronized void setUnavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	/**
	 * How many calls were made, failed ones included.
	 * @return the count
	 */
	public synchronized int calls() {
		return this.calls;
	}

	private void call() {
		this.calls++;
		if (this.unavailable) {
			throw new IllegalStateException("The store cannot be reached");
		}
	}

	public synchronized Instant now() {
		return this.now;
	}

	public synchronized void setNow(Instant now) {
		this.now = now;
	}

	public synchronized void advanceClock(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/**
	 * When a schedule is looked at next: its due tick, the end of a claim, or a postponed look.
	 * @param name the schedule's name
	 * @return the instant, or {@code null} if it is not in the due index
	 */
	public synchronized @Nullable Instant lookAt(String name) {
		Stored stored = this.schedules.get(name);
		return (stored != null) ? stored.lookAt : null;
	}

	@Override
	public synchronized List<String> syncDeclared(Collection<BeatSchedule> declared, NextDue nextDue) {
		call();
		Set<String> names = declared.stream().map(BeatSchedule::name).collect(Collectors.toSet());
		List<String> removed = new ArrayList<>();
		for (Stored stored : List.copyOf(this.schedules.values())) {
			if (stored.schedule.declared() && !names.contains(stored.schedule.name())) {
				this.schedules.remove(stored.schedule.name());
				removed.add(stored.schedule.name());
			}
		}
		for (BeatSchedule schedule : declared) {
			Stored stored = this.schedules.get(schedule.name());
			BeatSchedule wanted = schedule.toBuilder().declared(true).build();
			if (stored == null) {
				put(wanted, nextDue.compute(wanted, null, this.now));
			}
			else {
				BeatSchedule replacement = wanted.toBuilder().paused(stored.schedule.paused()).build();
				if (!replacement.equals(stored.schedule) || replacement.declared() != stored.schedule.declared()) {
					put(replacement, nextDue.compute(replacement, stored.lastTick, this.now));
				}
			}
		}
		return removed;
	}

	@Override
	public synchronized void save(BeatSchedule schedule, NextDue nextDue) {
		call();
		Stored stored = this.schedules.get(schedule.name());
		put(schedule, nextDue.compute(schedule, (stored != null) ? stored.lastTick : null, this.now));
	}

	private void put(BeatSchedule schedule, @Nullable Instant nextDue) {
		Stored stored = this.schedules.computeIfAbsent(schedule.name(), (name) -> new Stored());
		stored.schedule = schedule;
		stored.nextDue = nextDue;
		stored.lookAt = schedule.paused() ? null : nextDue;
	}

	@Override
	public synchronized boolean remove(String name) {
		call();
		return this.schedules.remove(name) != null;
	}

	@Override
	public synchronized @Nullable Entry get(String name) {
		call();
		Stored stored = this.schedules.get(name);
		return (stored != null) ? stored.entry() : null;
	}

	@Override
	public synchronized List<Entry> list() {
		call();
		return this.schedules.values().stream().map(Stored::entry).toList();
	}

	@Override
	public synchronized Poll claimDue(int max, Duration claim) {
		call();
		List<Stored> due = this.schedules.values()
			.stream()
			.filter((stored) -> stored.lookAt != null && !stored.lookAt.isAfter(this.now))
			.sorted(Comparator.comparing((Stored stored) -> stored.lookAt))
			.limit(max)
			.toList();
		List<Entry> claimed = new ArrayList<>();
		for (Stored stored : due) {
			claimed.add(stored.entry());
			stored.lookAt = this.now.plus(claim);
		}
		Instant earliest = this.schedules.values()
			.stream()
			.map((stored) -> stored.lookAt)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
		return new Poll(this.now, claimed, earliest);
	}

	@Override
	public synchronized boolean advance(String name, @Nullable Instant expectedLastTick, @Nullable Instant lastTick,
			@Nullable String lastTaskId, @Nullable Instant nextDue, List<BeatRun> runs) {
		call();
		Stored stored = this.schedules.get(name);
		if (stored == null || !Objects.equals(stored.lastTick, expectedLastTick)) {
			return false;
		}
		if (lastTick != null) {
			stored.lastTick = lastTick;
		}
		if (lastTaskId != null) {
			stored.lastTaskId = lastTaskId;
		}
		stored.nextDue = nextDue;
		stored.lookAt = stored.schedule.paused() ? null : nextDue;
		addRuns(stored, runs);
		return true;
	}

	@Override
	public synchronized void postpone(String name, Instant lookAt) {
		call();
		Stored stored = this.schedules.get(name);
		if (stored != null && stored.lookAt != null) {
			stored.lookAt = lookAt;
		}
	}

	@Override
	public synchronized void addHistory(String name, List<BeatRun> runs) {
		call();
		Stored stored = this.schedules.get(name);
		if (stored != null) {
			addRuns(stored, runs);
		}
	}

	private void addRuns(Stored stored, List<BeatRun> runs) {
		runs.forEach((run) -> stored.history.add(0, run));
		while (stored.history.size() > this.historySize) {
			stored.history.remove(stored.history.size() - 1);
		}
	}

	@Override
	public synchronized List<BeatRun> history(String name, int limit) {
		call();
		Stored stored = this.schedules.get(name);
		return (stored != null) ? List.copyOf(stored.history.subList(0, Math.min(limit, stored.history.size())))
				: List.of();
	}

	private static final class Stored {

		private BeatSchedule schedule;

		private @Nullable Instant nextDue;

		private @Nullable Instant lookAt;

		private @Nullable Instant lastTick;

		private @Nullable String lastTaskId;

		private final List<BeatRun> history = new ArrayList<>();

		Entry entry() {
			return new Entry(this.schedule, this.schedule.paused() ? null : this.nextDue, this.lastTick,
					this.lastTaskId);
		}

	}

}
