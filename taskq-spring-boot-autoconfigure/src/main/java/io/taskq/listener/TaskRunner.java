package io.taskq.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;

import io.taskq.protocol.TaskMessage;
import io.taskq.schedule.RedisTaskSchedule;

/**
 * Runs a handler within its time limits, and keeps a long task's delivery alive past RabbitMQ's consumer
 * timeout.
 * <p>
 * A task without time limits runs on the consumer's thread. A task with limits runs on a thread of its own
 * while the consumer waits: at the soft limit its thread is interrupted and its context flagged; at the hard
 * limit the consumer stops waiting, the task is abandoned (its thread interrupted) and fails with
 * {@link TimeLimitExceededException}, and the worker slot is free again. The JVM cannot stop a thread that
 * ignores interrupts: an abandoned task that does keeps its thread until it returns, and its outcome is
 * discarded.
 * <p>
 * A task still running after {@code leaseAfter} (found by a sweep over the deliveries in flight) switches its
 * delivery to a lease: a copy of its message goes
 * on the Redis schedule, due one lease from now, the delivery is acknowledged (so RabbitMQ's consumer timeout,
 * 30 minutes by default, never closes the channel), and a heartbeat keeps pushing the copy's due time ahead.
 * If the worker dies the heartbeat stops, the copy falls due and is published again for another worker: the
 * task stays at-least-once. The copy is removed only once the task's outcome is stored; a run that ends any other
 * way (the worker stopping, an exception before the outcome is stored) makes the copy due at once, so another
 * worker runs the task.
 */
public class TaskRunner implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TaskRunner.class);

	/** Marks the lease copy of a long task's message: published again, it is a redelivery. */
	static final String LEASE_COPY_HEADER = "x-taskq-lease-copy";

	private final RedisTaskSchedule schedule;

	private final Duration leaseAfter;

	private final Duration lease;

	private final ExecutorService executor = Executors.newCachedThreadPool(threads("taskq-task-"));

	private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, threads("taskq-watchdog-"));

	private final Set<DeliveryLease> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Create a runner.
	 * @param schedule holds the copies of leased deliveries
	 * @param leaseAfter how long a task runs before its delivery switches to a lease
	 * @param lease how far ahead a lease's copy is due; the heartbeat renews it three times as often
	 */
	public TaskRunner(RedisTaskSchedule schedule, Duration leaseAfter, Duration lease) {
		this.schedule = schedule;
		this.leaseAfter = leaseAfter;
		this.lease = lease;
		// Timers of tasks that end early are dropped at once, not kept until they would have fired.
		this.watchdog.setRemoveOnCancelPolicy(true);
		// One sweep over the deliveries in flight, rather than a timer per task: each task costs a set insert.
		long sweep = Math.max(10, Math.min(1000, leaseAfter.toMillis() / 10));
		this.watchdog.scheduleWithFixedDelay(this::leaseLongRunning, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	private void leaseLongRunning() {
		long now = System.nanoTime();
		for (DeliveryLease delivery : this.inFlight) {
			if (now - delivery.startedAt >= this.leaseAfter.toNanos()) {
				this.inFlight.remove(delivery);
				delivery.start();
			}
		}
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Start watching a delivery: after {@code leaseAfter} it switches to a lease.
	 * @param queue the queue it came from
	 * @param amqpMessage the message as consumed
	 * @param message the decoded message
	 * @param acknowledgement the delivery's acknowledgement
	 * @return the lease, to {@link DeliveryLease#settle() settle} once the task's outcome is stored, and to
	 * {@link DeliveryLease#close() close} in any case
	 */
	DeliveryLease watch(String queue, Message amqpMessage, TaskMessage message, Acknowledgement acknowledgement) {
		DeliveryLease lease = new DeliveryLease(queue, amqpMessage, message.id(), acknowledgement);
		this.inFlight.add(lease);
		return lease;
	}

	/**
	 * Run a task's work within its time limits, with its context current on the thread that runs it.
	 * @param work the handler invocation
	 * @param context the task's context
	 * @param limits the time limits
	 * @return the handler's result as JSON
	 * @throws TimeLimitExceededException if the hard limit passed
	 * @throws SoftTimeLimitExceededException if the task threw after its soft limit
	 * @throws Exception what the handler threw
	 */
	@Nullable JsonNode run(Callable<@Nullable JsonNode> work, TaskContext context, TimeLimits limits)
			throws Exception {
		if (!limits.any()) {
			return invoke(work, context);
		}
		Object lock = new Object();
		Thread[] running = new Thread[1];
		CompletableFuture<Void> threadEnd = new CompletableFuture<>();
		Future<JsonNode> future = this.executor.submit(() -> {
			synchronized (lock) {
				running[0] = Thread.currentThread();
			}
			try {
				return invoke(work, context);
			}
			finally {
				synchronized (lock) {
					running[0] = null;
				}
				threadEnd.complete(null);
			}
		});
		ScheduledFuture<?> softTimer = (limits.soft() == null) ? null : this.watchdog.schedule(() -> {
			synchronized (lock) {
				context.markSoftTimeLimitExceeded();
				if (running[0] != null) {
					running[0].interrupt();
				}
			}
		}, limits.soft().toNanos(), TimeUnit.NANOSECONDS);
		try {
			return (limits.hard() != null) ? future.get(limits.hard().toNanos(), TimeUnit.NANOSECONDS) : future.get();
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new TimeLimitExceededException(limits.hard(), threadEnd);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (context.isSoftTimeLimitExceeded() && !(cause instanceof TaskRetryException)) {
				throw new SoftTimeLimitExceededException(cause);
			}
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		finally {
			if (softTimer != null) {
				softTimer.cancel(false);
			}
		}
	}

	private static @Nullable JsonNode invoke(Callable<@Nullable JsonNode> work, TaskContext context)
			throws Exception {
		JsonNode[] returned = new JsonNode[1];
		context.runAsCurrent(() -> returned[0] = work.call());
		return returned[0];
	}

	@Override
	public void close() {
		this.watchdog.shutdownNow();
		this.executor.shutdownNow();
	}

	/**
	 * The lease of one delivery, started by the watchdog if the task runs long.
	 */
	final class DeliveryLease implements AutoCloseable {

		private final String queue;

		private final Message amqpMessage;

		private final String taskId;

		private final Acknowledgement acknowledgement;

		private final long startedAt = System.nanoTime();

		private @Nullable ScheduledFuture<?> heartbeat;

		private @Nullable String entryId;

		private boolean closed;

		private boolean settled;

		DeliveryLease(String queue, Message amqpMessage, String taskId, Acknowledgement acknowledgement) {
			this.queue = queue;
			this.amqpMessage = amqpMessage;
			this.taskId = taskId;
			this.acknowledgement = acknowledgement;
		}

		private synchronized void start() {
			if (this.closed || this.acknowledgement.isSettled()) {
				return;
			}
			try {
				this.amqpMessage.getMessageProperties().setHeader(LEASE_COPY_HEADER, true);
				this.entryId = TaskRunner.this.schedule.schedule(this.queue, this.amqpMessage,
						Instant.now().plus(TaskRunner.this.lease), this.taskId);
				this.acknowledgement.ack();
				long period = Math.max(1, TaskRunner.this.lease.toMillis() / 3);
				this.heartbeat = TaskRunner.this.watchdog.scheduleAtFixedRate(this::renew, period, period,
						TimeUnit.MILLISECONDS);
				logger.info("Task " + this.taskId + " runs long: its delivery is now a lease renewed every "
						+ period + " ms");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not lease the delivery of long task " + this.taskId + ": " + ex.getMessage());
			}
		}

		private synchronized void renew() {
			if (!this.closed && this.entryId != null) {
				try {
					TaskRunner.this.schedule.postpone(this.entryId, Instant.now().plus(TaskRunner.this.lease));
				}
				catch (RuntimeException ex) {
					logger.warn("Could not renew the lease of task " + this.taskId + ": " + ex.getMessage());
				}
			}
		}

		/**
		 * Note that the task's outcome is stored: closing the lease then removes its copy.
		 */
		synchronized void settle() {
			this.settled = true;
		}

		/**
		 * Stop watching the delivery. If it switched to a lease, the copy is removed when the outcome was
		 * {@linkplain #settle() stored}, and otherwise made due now, so that another worker runs the task.
		 */
		@Override
		public synchronized void close() {
			this.closed = true;
			TaskRunner.this.inFlight.remove(this);
			if (this.heartbeat != null) {
				this.heartbeat.cancel(false);
			}
			if (this.entryId == null) {
				return;
			}
			if (this.settled) {
				TaskRunner.this.schedule.complete(List.of(this.entryId));
				return;
			}
			// The worker may be stopping, its thread interrupted: Redis clients refuse to wait on such a thread.
			boolean interrupted = Thread.interrupted();
			try {
				TaskRunner.this.schedule.postpone(this.entryId, Instant.now());
				logger.info("Task " + this.taskId + " ended without an outcome; its leased copy is due now for "
						+ "another worker");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not make the leased copy of task " + this.taskId + " due now (it falls due "
						+ "when its lease lapses): " + ex.getMessage());
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
