package io.taskq.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timer for unit tests that runs nothing by itself: time passes only when the test {@link #advance advances}
 * it, and the jobs due by then run on the test's thread, in order of their due times. Periodic jobs run at a fixed
 * rate of that time, and stop once they throw, as with {@code ScheduledThreadPoolExecutor}.
 */
public final class ManualTimer extends AbstractExecutorService implements ScheduledExecutorService {

	private final List<Job<?>> jobs = new ArrayList<>();

	private long now;

	private long sequence;

	private boolean shutdown;

	/**
	 * Let time pass, running every job due by then.
	 * @param time how much time passes
	 */
	public void advance(Duration time) {
		long until;
		synchronized (this) {
			until = this.now + time.toNanos();
		}
		Job<?> due = nextDue(until);
		while (due != null) {
			due.fire();
			due = nextDue(until);
		}
		synchronized (this) {
			this.now = until;
		}
	}

	private synchronized Job<?> nextDue(long until) {
		this.jobs.removeIf(FutureTask::isDone);
		Job<?> next = this.jobs.stream()
			.filter((job) -> job.due <= until)
			.min(Comparator.<Job<?>>comparingLong((job) -> job.due).thenComparingLong((job) -> job.sequence))
			.orElse(null);
		if (next != null) {
			this.now = next.due;
		}
		return next;
	}

	/**
	 * How many jobs are waiting to run, periodic ones included; cancelled and finished ones are not.
	 * @return the number of jobs
	 */
	public synchronized int pending() {
		this.jobs.removeIf(FutureTask::isDone);
		return this.jobs.size();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return add(new Job<>(command, null, delay(delay, unit), 0));
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		return add(new Job<>(callable, delay(delay, unit), 0));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return add(new Job<>(command, null, delay(initialDelay, unit), unit.toNanos(period)));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return scheduleAtFixedRate(command, initialDelay, delay, unit);
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	private synchronized long delay(long delay, TimeUnit unit) {
		return this.now + unit.toNanos(Math.max(0, delay));
	}

	private synchronized <V> Job<V> add(Job<V> job) {
		if (this.shutdown) {
			throw new IllegalStateException("Timer shut down");
		}
		this.jobs.add(job);
		return job;
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> waiting = new ArrayList<>(this.jobs);
		this.jobs.forEach((job) -> job.cancel(false));
		this.jobs.clear();
		return waiting;
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private final class Job<V> extends FutureTask<V> implements ScheduledFuture<V> {

		private final long period;

		private final long sequence;

		private volatile long due;

		Job(Runnable command, V result, long due, long period) {
			super(command, result);
			this.due = due;
			this.period = period;
			this.sequence = nextSequence();
		}

		Job(Callable<V> callable, long due, long period) {
			super(callable);
			this.due = due;
			this.period = period;
			this.sequence = nextSequence();
		}

		void fire() {
			if (this.period == 0) {
				run();
			}
			else if (runAndReset()) {
				this.due += this.period;
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			synchronized (ManualTimer.this) {
				return unit.convert(this.due - ManualTimer.this.now, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

	private synchronized long nextSequence() {
		return ++this.sequence;
	}

}
