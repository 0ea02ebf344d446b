package io.taskq.worker.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.taskq.broker.Delivery;
import io.taskq.protocol.WireMessage;
import io.taskq.store.TaskSchedule;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Keeps a long task's delivery alive past the broker's consumer timeout (RabbitMQ's, 30 minutes by default, closes
 * the channel of a delivery unacknowledged that long). A task still running after {@code leaseAfter} (found by one
 * sweep over the deliveries in flight, not a timer per task) switches its delivery to a lease: a copy of its message
 * goes on the schedule, due one lease from now, the delivery is acknowledged, and a heartbeat keeps pushing the
 * copy's due time ahead. If the worker dies the heartbeat stops, the copy falls due and another worker runs the task.
 * The copy is removed only once the task's outcome is applied; a run that ends any other way (the worker stopping,
 * a store failing) makes it due at once, so another worker runs the task.
 */
public class DeliveryLeaseInterceptor implements TaskInterceptor, AutoCloseable {

	/** Marks the lease copy of a long task's message: published again, it is a redelivery. */
	public static final String LEASE_COPY_HEADER = "x-taskq-lease-copy";

	private static final Log logger = LogFactory.getLog(DeliveryLeaseInterceptor.class);

	private final TaskSchedule schedule;

	private final Duration leaseAfter;

	private final Duration lease;

	private final ScheduledExecutorService timer;

	private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();

	private final ScheduledFuture<?> sweep;

	/**
	 * Create the step.
	 * @param schedule holds the copies of leased deliveries
	 * @param leaseAfter how long a task runs before its delivery switches to a lease
	 * @param lease how far ahead a lease's copy is due; the heartbeat renews it three times as often
	 * @param timer runs the sweep and the heartbeats
	 */
	public DeliveryLeaseInterceptor(TaskSchedule schedule, Duration leaseAfter, Duration lease,
			ScheduledExecutorService timer) {
		this.schedule = schedule;
		this.leaseAfter = leaseAfter;
		this.lease = lease;
		this.timer = timer;
		long period = Math.max(10, Math.min(1000, leaseAfter.toMillis() / 10));
		this.sweep = timer.scheduleWithFixedDelay(this::leaseLongRunning, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		String queue = execution.queue();
		if (queue == null) {
			return chain.proceed(execution);
		}
		Watch watch = new Watch(queue, execution.delivery(), execution.message().id());
		this.inFlight.add(watch);
		execution.whenCompleted((applied) -> watch.close(applied != null));
		return chain.proceed(execution);
	}

	private void leaseLongRunning() {
		long now = System.nanoTime();
		for (Watch watch : this.inFlight) {
			if (now - watch.startedAt >= this.leaseAfter.toNanos()) {
				this.inFlight.remove(watch);
				watch.start();
			}
		}
	}

	/**
	 * Stop sweeping; leases already started keep their heartbeats until their tasks end.
	 */
	@Override
	public void close() {
		this.sweep.cancel(false);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.DELIVERY_LEASE;
	}

	/**
	 * One delivery watched, and its lease once started.
	 */
	private final class Watch {

		private final String queue;

		private final Delivery delivery;

		private final String taskId;

		private final long startedAt = System.nanoTime();

		private @Nullable ScheduledFuture<?> heartbeat;

		private @Nullable String entryId;

		private boolean closed;

		Watch(String queue, Delivery delivery, String taskId) {
			this.queue = queue;
			this.delivery = delivery;
			this.taskId = taskId;
		}

		synchronized void start() {
			if (this.closed || this.delivery.isSettled()) {
				return;
			}
			try {
				WireMessage copy = this.delivery.message().withHeader(LEASE_COPY_HEADER, true);
				this.entryId = DeliveryLeaseInterceptor.this.schedule.schedule(this.queue, copy,
						Instant.now().plus(DeliveryLeaseInterceptor.this.lease), this.taskId);
				this.delivery.ack();
				long period = Math.max(1, DeliveryLeaseInterceptor.this.lease.toMillis() / 3);
				this.heartbeat = DeliveryLeaseInterceptor.this.timer.scheduleAtFixedRate(this::renew, period, period,
						TimeUnit.MILLISECONDS);
				logger.info("Task " + this.taskId + " runs long: its delivery is now a lease renewed every " + period
						+ " ms");
			}
			catch (RuntimeException ex) {
				logger.warn("Could not lease the delivery of long task " + this.taskId + ": " + ex.getMessage());
			}
		}

		private synchronized void renew() {
			if (!this.closed && this.entryId != null) {
				try {
					DeliveryLeaseInterceptor.this.schedule.postpone(this.entryId,
							Instant.now().plus(DeliveryLeaseInterceptor.this.lease));
				}
				catch (RuntimeException ex) {
					logger.warn("Could not renew the lease of task " + this.taskId + ": " + ex.getMessage());
				}
			}
		}

		/**
		 * Stop watching. A leased copy is removed once the outcome was applied, and otherwise made due now.
		 */
		synchronized void close(boolean applied) {
			this.closed = true;
			DeliveryLeaseInterceptor.this.inFlight.remove(this);
			if (this.heartbeat != null) {
				this.heartbeat.cancel(false);
			}
			if (this.entryId == null) {
				return;
			}
			// The worker may be stopping, its thread interrupted: Redis clients refuse to wait on such a thread.
			boolean interrupted = Thread.interrupted();
			try {
				if (applied) {
					String entryId = this.entryId;
					StoreCalls.whileUnavailable("remove the leased copy of task", this.taskId,
							() -> DeliveryLeaseInterceptor.this.schedule.complete(List.of(entryId)));
				}
				else {
					DeliveryLeaseInterceptor.this.schedule.postpone(this.entryId, Instant.now());
					logger.info("Task " + this.taskId + " ended without an outcome; its leased copy is due now for "
							+ "another worker");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not " + (applied ? "remove" : "make due now") + " the leased copy of task "
						+ this.taskId + " (it falls due when its lease lapses): " + ex.getMessage());
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
