package io.taskq.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import io.taskq.broker.TaskBroker;
import io.taskq.store.TaskSchedule;


/**
 * Publishes delayed tasks when they fall due: every poll interval it claims due entries of the
 * {@link TaskSchedule}, publishes each to its queue, confirmed by the broker, and only then removes them.
 * Runs on one thread of its own in every application that has it; several promoters share the schedule
 * safely, and one that dies mid-way leaves its claimed entries to the others once their lease lapses.
 */
public class ScheduledTaskPromoter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ScheduledTaskPromoter.class);

	private static final int BATCH = 500;

	private final TaskSchedule schedule;

	private final TaskBroker broker;

	private final Duration pollInterval;

	private final Duration lease;

	private final Clock clock;

	private final ThreadFactory threadFactory;

	private volatile Thread thread;

	private volatile boolean running;

	/**
	 * Create a promoter.
	 * @param schedule the schedule
	 * @param broker publishes due messages
	 * @param pollInterval how often the schedule is checked when nothing is due
	 * @param lease how long a claim lasts before other promoters may take the entries over
	 * @param clock the clock
	 * @param threadFactory makes the promoter's thread
	 */
	public ScheduledTaskPromoter(TaskSchedule schedule, TaskBroker broker, Duration pollInterval, Duration lease,
			Clock clock, ThreadFactory threadFactory) {
		this.schedule = schedule;
		this.broker = broker;
		this.pollInterval = pollInterval;
		this.lease = lease;
		this.clock = clock;
		this.threadFactory = threadFactory;
	}

	/**
	 * Claim and publish every entry due now.
	 * @return how many entries were published
	 */
	public int promoteDue() {
		int published = 0;
		while (true) {
			Instant now = this.clock.instant();
			List<TaskSchedule.ScheduledMessage> due = this.schedule.claimDue(now, now.plus(this.lease), BATCH);
			List<String> done = new ArrayList<>(due.size());
			try {
				for (TaskSchedule.ScheduledMessage entry : due) {
					this.broker.publish(entry.taskId(), entry.queue(), entry.message());
					done.add(entry.entryId());
				}
			}
			finally {
				this.schedule.complete(done);
			}
			published += done.size();
			if (due.size() < BATCH) {
				return published;
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread promoter = this.threadFactory.newThread(this::loop);
		this.thread = promoter;
		promoter.start();
	}

	private void loop() {
		long failures = 0;
		while (this.running) {
			try {
				promoteDue();
				failures = 0;
				Thread.sleep(this.pollInterval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				failures++;
				logger.warn("Could not promote delayed tasks (" + ex.getMessage() + "); retrying");
				try {
					Thread.sleep(Math.min(5000, this.pollInterval.toMillis() * (1L << Math.min(failures, 6))));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Thread promoter = this.thread;
		if (promoter != null) {
			promoter.interrupt();
			try {
				promoter.join(this.lease.toMillis());
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

}
