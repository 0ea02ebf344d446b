package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.store.ResultStore;

/**
 * Fires the ticks of periodic tasks. At start-up it synchronises the store with the {@link DeclaredSchedules}, then
 * polls on one thread of its own: each poll claims the due schedules in one round trip, decides by the store's clock
 * what to fire ({@link BeatTicks#plan}), sends each tick's task and records the ticks ({@link BeatStore#advance}).
 * <p>
 * Every instance runs one and none leads: a tick's task has an id derived from the schedule and the tick, and is
 * sent with the idempotency key {@code beat:<name>:<tick>}, so instances that handle the same tick send one task.
 * A send that fails (the broker is down) leaves the schedule claimed, so the same tick is sent again once the claim
 * lapses; an instance that dies leaves its claims to lapse the same way. A schedule that cannot be sent as defined
 * is logged with its name and its ticks recorded as {@link BeatRun.Outcome#FAILED}; the others go on.
 */
public class BeatScheduler implements SmartLifecycle {

	/** Header of every task a schedule sends: the schedule's name. */
	public static final String SCHEDULE_HEADER = "taskq_beat_schedule";

	/** Header of every task a tick sends: the tick, an ISO-8601 instant, from which lateness can be measured. */
	public static final String TICK_HEADER = "taskq_beat_tick";

	private static final Log logger = LogFactory.getLog(BeatScheduler.class);

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(5);

	private final BeatStore store;

	private final TaskOperations tasks;

	private final ResultStore results;

	private final DeclaredSchedules declared;

	private final Settings settings;

	private BeatListeners listeners = new BeatListeners(List.of());

	private ThreadFactory threadFactory = daemonThreads();

	private final Set<String> failingSchedules = ConcurrentHashMap.newKeySet();

	private volatile boolean sendsFailing;

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(0);

	private volatile @Nullable Thread thread;

	/**
	 * Create a scheduler.
	 * @param store where the schedules are
	 * @param tasks sends the tasks
	 * @param results tells whether a schedule's previous task has finished (for {@link Overlap})
	 * @param declared the schedules declared in code and configuration
	 * @param settings the timings
	 */
	public BeatScheduler(BeatStore store, TaskOperations tasks, ResultStore results, DeclaredSchedules declared,
			Settings settings) {
		this.store = store;
		this.tasks = tasks;
		this.results = results;
		this.declared = declared;
		this.settings = settings;
	}

	/**
	 * Listeners told of the ticks this instance records.
	 * @param listeners the listeners, in order
	 */
	public void setListeners(List<BeatListener> listeners) {
		this.listeners = new BeatListeners(listeners);
	}

	/**
	 * Make the polling thread with this factory (default: a daemon platform thread).
	 * @param threadFactory the factory
	 */
	public void setThreadFactory(ThreadFactory threadFactory) {
		this.threadFactory = threadFactory;
	}

	/**
	 * Make the store's declared schedules the declared ones: new ones are added, changed ones replaced, ones no
	 * longer declared removed.
	 * @return the names of the schedules removed
	 */
	public List<String> sync() {
		List<BeatSchedule> schedules = this.declared.schedules();
		List<String> removed = this.store.syncDeclared(schedules, BeatStore.NextDue.fromNow());
		if (!removed.isEmpty()) {
			logger.info("Removed schedules no longer declared: " + removed);
		}
		logger.debug("Synchronised " + schedules.size() + " declared schedules");
		return removed;
	}

	/**
	 * Claim the due schedules and fire their ticks, once.
	 * @return how long to wait before the next poll
	 */
	public Duration poll() {
		long started = System.nanoTime();
		BeatStore.Poll poll = this.store.claimDue(this.settings.maxPerPoll(), this.settings.claim());
		Instant earliest = poll.earliestDue();
		Map<String, TaskResult> previous = previousRuns(poll.claimed());
		for (BeatStore.Entry entry : poll.claimed()) {
			Instant next = fire(entry, poll.now(), previous);
			if (next != null && (earliest == null || next.isBefore(earliest))) {
				earliest = next;
			}
		}
		if (poll.claimed().size() >= this.settings.maxPerPoll()) {
			return Duration.ZERO;
		}
		Duration wait = this.settings.pollInterval();
		if (earliest != null) {
			Duration untilDue = Duration.between(poll.now(), earliest).minusNanos(System.nanoTime() - started);
			wait = untilDue.isNegative() ? Duration.ZERO : (untilDue.compareTo(wait) < 0) ? untilDue : wait;
		}
		return wait;
	}

	private Map<String, TaskResult> previousRuns(List<BeatStore.Entry> claimed) {
		List<String> ids = claimed.stream()
			.filter((entry) -> entry.schedule().overlap() != Overlap.ALLOW && entry.lastTaskId() != null)
			.map(BeatStore.Entry::lastTaskId)
			.toList();
		Map<String, TaskResult> previous = new HashMap<>();
		if (!ids.isEmpty()) {
			for (TaskResult result : this.results.getAll(ids)) {
				if (result != null) {
					previous.put(result.taskId(), result);
				}
			}
		}
		return previous;
	}

	/**
	 * Handle one claimed schedule.
	 * @return when it is next due, or {@code null} if unknown
	 */
	private @Nullable Instant fire(BeatStore.Entry entry, Instant now, Map<String, TaskResult> previousRuns) {
		String name = entry.schedule().name();
		try {
			TaskResult previous = (entry.lastTaskId() != null) ? previousRuns.get(entry.lastTaskId()) : null;
			return fire(entry, now, previous);
		}
		catch (RuntimeException ex) {
			if (this.failingSchedules.add(name)) {
				logger.error("Schedule '" + name + "' could not be handled; it is due again in "
						+ this.settings.claim() + ": " + ex, ex);
			}
			return null;
		}
	}

	private @Nullable Instant fire(BeatStore.Entry entry, Instant now, @Nullable TaskResult previous) {
		BeatSchedule schedule = entry.schedule();
		Instant due = (entry.nextDue() != null) ? entry.nextDue() : now;
		boolean overlapping = previous != null && !previous.isReady() && schedule.overlap() != Overlap.ALLOW;
		BeatTicks.TickPlan plan = BeatTicks.plan(schedule, due, now,
				misfireThreshold(schedule, due, now, previous, overlapping));
		List<BeatRun> runs = new ArrayList<>();
		if (plan.lastMissed() != null) {
			runs.add(new BeatRun(plan.lastMissed(), null, Duration.ZERO, null, BeatRun.Outcome.MISSED, null));
			logger.info("Schedule '" + schedule.name() + "' missed " + plan.missed() + " tick(s), the latest at "
					+ plan.lastMissed() + " (" + schedule.missedTicks() + ")");
		}
		if (overlapping && !plan.fire().isEmpty()) {
			return overlap(entry, now, plan, runs);
		}
		List<Instant> fire = plan.fire();
		if (schedule.overlap() != Overlap.ALLOW && fire.size() > 1) {
			// Ticks sent together would run together: only the latest goes.
			skipped(fire.subList(0, fire.size() - 1), runs);
			fire = fire.subList(fire.size() - 1, fire.size());
		}
		String lastTaskId = null;
		for (int i = 0; i < fire.size(); i++) {
			Instant tick = fire.get(i);
			try {
				lastTaskId = send(schedule, tick);
				runs.add(new BeatRun(tick, now, lateness(tick, now), lastTaskId, BeatRun.Outcome.FIRED, null));
			}
			catch (IllegalArgumentException ex) {
				if (this.failingSchedules.add(schedule.name())) {
					logger.error("Schedule '" + schedule.name() + "' cannot send its task '" + schedule.task()
							+ "'; its ticks are recorded as FAILED until it is fixed: " + ex.getMessage());
				}
				fire.subList(i, fire.size())
					.forEach((failed) -> runs.add(new BeatRun(failed, null, Duration.ZERO, null,
							BeatRun.Outcome.FAILED, null)));
				break;
			}
			catch (RuntimeException ex) {
				sendFailed(schedule, tick, ex);
				if (!runs.isEmpty()) {
					record(entry, lastTaskId, tick, runs, plan.missed());
					this.store.postpone(schedule.name(), now.plus(this.settings.claim()));
				}
				return now.plus(this.settings.claim());
			}
		}
		if (lastTaskId != null) {
			sent(schedule);
		}
		record(entry, lastTaskId, plan.next(), runs, plan.missed());
		return plan.next();
	}

	/**
	 * With {@link Overlap#BUFFER_ONE}, no tick is missed while the previous run goes on (each passing tick is held
	 * in turn, the one before skipped), and the held tick counts as due when that run finished: how late it is from
	 * then decides whether it is missed.
	 */
	private Duration misfireThreshold(BeatSchedule schedule, Instant due, Instant now, @Nullable TaskResult previous,
			boolean overlapping) {
		Duration threshold = this.settings.misfireThreshold();
		if (schedule.overlap() != Overlap.BUFFER_ONE || previous == null) {
			return threshold;
		}
		Instant since = overlapping ? now : (previous.dateDone() != null) ? previous.dateDone().toInstant() : due;
		return since.isAfter(due) ? threshold.plus(Duration.between(due, since)) : threshold;
	}

	private Instant overlap(BeatStore.Entry entry, Instant now, BeatTicks.TickPlan plan, List<BeatRun> runs) {
		BeatSchedule schedule = entry.schedule();
		List<Instant> skipped = plan.fire();
		Instant held = null;
		if (schedule.overlap() == Overlap.BUFFER_ONE) {
			held = skipped.get(skipped.size() - 1);
			skipped = skipped.subList(0, skipped.size() - 1);
		}
		skipped(skipped, runs);
		if (held == null) {
			record(entry, null, plan.next(), runs, plan.missed());
			return plan.next();
		}
		if (!runs.isEmpty()) {
			record(entry, null, held, runs, plan.missed());
		}
		Instant lookAgain = now.plus(this.settings.pollInterval());
		this.store.postpone(schedule.name(), lookAgain);
		return lookAgain;
	}

	private static void skipped(List<Instant> ticks, List<BeatRun> runs) {
		ticks.forEach((tick) -> runs.add(new BeatRun(tick, null, Duration.ZERO, null, BeatRun.Outcome.SKIPPED, null)));
	}

	private String send(BeatSchedule schedule, Instant tick) {
		String taskId = BeatTicks.taskId(schedule.name(), tick);
		TaskRequest.Builder request = TaskRequest.builder(schedule.task())
			.args(schedule.args())
			.kwargs(schedule.kwargs())
			.queue(schedule.queue())
			.taskId(taskId)
			.idempotencyKey("beat:" + schedule.name() + ":" + tick.toEpochMilli(), this.settings.sendWindow())
			.header(SCHEDULE_HEADER, schedule.name())
			.header(TICK_HEADER, tick.toString());
		if (!schedule.jitter().isZero()) {
			request.eta(tick.plus(BeatTicks.jitter(schedule, tick)));
		}
		return this.tasks.send(request.build()).id();
	}

	private void sent(BeatSchedule schedule) {
		if (this.sendsFailing) {
			this.sendsFailing = false;
			logger.info("Ticks are sent again");
		}
		if (this.failingSchedules.remove(schedule.name())) {
			logger.info("Schedule '" + schedule.name() + "' sends its task again");
		}
	}

	private void sendFailed(BeatSchedule schedule, Instant tick, RuntimeException ex) {
		if (!this.sendsFailing) {
			this.sendsFailing = true;
			logger.warn("Could not send tick " + tick + " of schedule '" + schedule.name() + "' (" + ex
					+ "); ticks are sent again once their claim lapses, logged once until sending works again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Could not send tick " + tick + " of schedule '" + schedule.name() + "'", ex);
		}
	}

	private void record(BeatStore.Entry entry, @Nullable String lastTaskId, @Nullable Instant nextDue,
			List<BeatRun> runs, long missed) {
		String name = entry.schedule().name();
		Instant lastTick = runs.stream().map(BeatRun::scheduledAt).max(Comparator.naturalOrder()).orElse(null);
		List<BeatRun> ordered = runs.stream().sorted(Comparator.comparing(BeatRun::scheduledAt)).toList();
		if (this.store.advance(name, entry.lastTick(), lastTick, lastTaskId, nextDue, ordered)) {
			this.listeners.recorded(name, ordered, missed);
		}
	}

	private static Duration lateness(Instant tick, Instant firedAt) {
		Duration lateness = Duration.between(tick, firedAt);
		return lateness.isNegative() ? Duration.ZERO : lateness;
	}

	@Override
	public void start() {
		this.stopping = new CountDownLatch(1);
		this.running = true;
		Thread poller = this.threadFactory.newThread(this::loop);
		this.thread = poller;
		poller.start();
	}

	private void loop() {
		boolean synced = false;
		int failures = 0;
		while (this.running) {
			Duration wait;
			try {
				if (!synced) {
					sync();
					synced = true;
				}
				wait = poll();
				if (failures > 0) {
					logger.info("Periodic tasks: the store answers again");
				}
				failures = 0;
			}
			catch (RuntimeException ex) {
				failures++;
				if (failures == 1) {
					logger.warn("Periodic tasks: could not " + (synced ? "poll" : "synchronise") + " the schedules ("
							+ ex + "); retrying, logged once until it works again");
				}
				wait = backOff(failures);
			}
			if (!await(wait)) {
				return;
			}
		}
	}

	private Duration backOff(int failures) {
		Duration wait = this.settings.pollInterval().multipliedBy(1L << Math.min(failures, 10));
		return (wait.compareTo(MAX_BACK_OFF) > 0) ? MAX_BACK_OFF : wait;
	}

	/**
	 * Wait, unless stopped meanwhile.
	 * @return whether still running
	 */
	private boolean await(Duration wait) {
		try {
			return !this.stopping.await(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS) && this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopping.countDown();
		Thread poller = this.thread;
		if (poller != null) {
			try {
				poller.join(this.settings.claim().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private static ThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("taskq-beat-");
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * The timings of a scheduler.
	 *
	 * @param pollInterval how often to poll at most, when nothing is due sooner
	 * @param claim how long a claim keeps other instances from a due schedule
	 * @param misfireThreshold how late a tick may be and still fire as on time
	 * @param maxPerPoll at most this many schedules per poll
	 * @param sendWindow how long each tick's idempotency key is kept
	 */
	public record Settings(Duration pollInterval, Duration claim, Duration misfireThreshold, int maxPerPoll,
			Duration sendWindow) {
	}

}
