package io.taskq.beat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.store.ResultStore;

/**
 * The default {@link BeatOperations}, on a {@link BeatStore}: changes take effect at the next poll of every
 * instance's scheduler. Needs no scheduler of its own, so an application that only manages schedules can use it.
 */
public class BeatTemplate implements BeatOperations {

	private final BeatStore store;

	private final TaskOperations tasks;

	private final ResultStore results;

	private final int historySize;

	private final Clock clock;

	private BeatListeners listeners = new BeatListeners(List.of());

	/**
	 * Create a template.
	 * @param store where the schedules are
	 * @param tasks sends triggered tasks
	 * @param results reads the states of the tasks in a schedule's history
	 * @param historySize how many runs {@link #get} returns
	 * @param clock the time of triggered runs
	 */
	public BeatTemplate(BeatStore store, TaskOperations tasks, ResultStore results, int historySize, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.results = results;
		this.historySize = historySize;
		this.clock = clock;
	}

	/**
	 * Listeners told of triggered runs.
	 * @param listeners the listeners, in order
	 */
	public void setListeners(List<BeatListener> listeners) {
		this.listeners = new BeatListeners(listeners);
	}

	@Override
	public void save(BeatSchedule schedule) {
		this.store.save(schedule, BeatStore.NextDue.fromNow());
	}

	@Override
	public boolean pause(String name) {
		return change(name, true, BeatStore.NextDue.fromNow());
	}

	@Override
	public boolean resume(String name) {
		return change(name, false, BeatStore.NextDue.afterLastTick());
	}

	private boolean change(String name, boolean paused, BeatStore.NextDue nextDue) {
		BeatStore.Entry entry = this.store.get(name);
		if (entry == null) {
			return false;
		}
		if (entry.schedule().paused() != paused) {
			this.store.save(entry.schedule().toBuilder().paused(paused).build(), nextDue);
		}
		return true;
	}

	@Override
	public Optional<TaskHandle> trigger(String name) {
		BeatStore.Entry entry = this.store.get(name);
		if (entry == null) {
			return Optional.empty();
		}
		BeatSchedule schedule = entry.schedule();
		TaskHandle handle = this.tasks.send(TaskRequest.builder(schedule.task())
			.args(schedule.args())
			.kwargs(schedule.kwargs())
			.queue(schedule.queue())
			.header(BeatScheduler.SCHEDULE_HEADER, schedule.name())
			.build());
		Instant now = this.clock.instant();
		List<BeatRun> runs = List.of(new BeatRun(now, now, Duration.ZERO, handle.id(), BeatRun.Outcome.TRIGGERED,
				null));
		this.store.addHistory(name, runs);
		this.listeners.recorded(name, runs, 0);
		return Optional.of(handle);
	}

	@Override
	public boolean remove(String name) {
		return this.store.remove(name);
	}

	@Override
	public Optional<BeatScheduleInfo> get(String name) {
		BeatStore.Entry entry = this.store.get(name);
		if (entry == null) {
			return Optional.empty();
		}
		return Optional.of(new BeatScheduleInfo(entry.schedule(), entry.nextDue(), entry.lastTick(),
				withStates(this.store.history(name, this.historySize))));
	}

	@Override
	public List<BeatScheduleInfo> list() {
		return this.store.list()
			.stream()
			.map((entry) -> new BeatScheduleInfo(entry.schedule(), entry.nextDue(), entry.lastTick(), List.of()))
			.toList();
	}

	/**
	 * The runs with the states of their tasks, read in one round trip.
	 */
	private List<BeatRun> withStates(List<BeatRun> history) {
		List<String> ids = history.stream().map(BeatRun::taskId).filter((id) -> id != null).toList();
		if (ids.isEmpty()) {
			return history;
		}
		List<@Nullable TaskResult> states = this.results.getAll(ids);
		List<BeatRun> runs = new ArrayList<>(history.size());
		int next = 0;
		for (BeatRun run : history) {
			TaskResult result = (run.taskId() != null) ? states.get(next++) : null;
			runs.add((result == null) ? run : new BeatRun(run.scheduledAt(), run.firedAt(), run.lateness(),
					run.taskId(), run.outcome(), result.state().name()));
		}
		return runs;
	}

}
