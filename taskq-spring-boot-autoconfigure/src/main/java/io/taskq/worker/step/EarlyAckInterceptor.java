package io.taskq.worker.step;

import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Acknowledges a task's delivery before it runs, for a task that chose early acknowledgement: at-most-once, a
 * worker dying now loses it (Celery's default).
 */
public class EarlyAckInterceptor implements TaskInterceptor {

	@Override
	public boolean appliesTo(TaskEndpoint endpoint) {
		return !endpoint.acksLate();
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		execution.delivery().ack();
		return chain.proceed(execution);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.EARLY_ACK;
	}

}
