package io.taskq.worker.step;

import io.taskq.result.CeleryError;
import io.taskq.store.RedeliveryCounter;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Stops a poison message: one whose processing kills or wedges the workers that take it, so that it comes back
 * again and again. Each redelivery (the broker's flag, or a long task's lease copy published again) is counted in
 * the store, whichever worker it lands on, and the count is cleared once a delivery reaches an outcome; a message
 * redelivered more than {@code maxRedeliveries} times is rejected with reason {@code poison}. A message delivered
 * once costs nothing.
 */
public class PoisonMessageInterceptor implements TaskInterceptor {

	private final RedeliveryCounter redeliveries;

	private final int maxRedeliveries;

	/**
	 * Create the step.
	 * @param redeliveries counts redeliveries
	 * @param maxRedeliveries how many redeliveries without an outcome are allowed; negative for any number
	 */
	public PoisonMessageInterceptor(RedeliveryCounter redeliveries, int maxRedeliveries) {
		this.redeliveries = redeliveries;
		this.maxRedeliveries = maxRedeliveries;
	}

	@Override
	public boolean appliesTo(TaskEndpoint endpoint) {
		return this.maxRedeliveries >= 0;
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		if (!isRedelivery(execution)) {
			return chain.proceed(execution);
		}
		String taskId = execution.message().id();
		long redelivered = StoreCalls.whileUnavailable("count the redeliveries of task", execution,
				() -> this.redeliveries.increment(taskId));
		execution.whenCompleted((applied) -> {
			if (applied != null) {
				this.redeliveries.clear(taskId);
			}
		});
		if (redelivered > this.maxRedeliveries) {
			return new TaskOutcome.Rejected("poison",
					new PoisonMessageException(execution.wireMessage().describe(), redelivered), null);
		}
		return chain.proceed(execution);
	}

	private static boolean isRedelivery(TaskExecution execution) {
		return execution.delivery().isRedelivered()
				|| execution.wireMessage().header(DeliveryLeaseInterceptor.LEASE_COPY_HEADER) != null;
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.POISON;
	}

	/**
	 * A message redelivered again and again without any delivery reaching an outcome. Stored as Celery's
	 * {@code billiard.exceptions.WorkerLostError}, the error a Celery worker stores for a task whose worker process
	 * died.
	 */
	static class PoisonMessageException extends RuntimeException implements CeleryError {

		PoisonMessageException(String message, long redeliveries) {
			super("Task " + message + " was redelivered " + redeliveries + " times and no worker finished it (each "
					+ "died or stopped while it ran): a poison message, dead-lettered");
		}

		@Override
		public String celeryType() {
			return "WorkerLostError";
		}

		@Override
		public String celeryModule() {
			return "billiard.exceptions";
		}

	}

}
