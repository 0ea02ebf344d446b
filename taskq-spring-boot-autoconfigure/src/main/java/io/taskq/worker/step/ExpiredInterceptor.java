package io.taskq.worker.step;

import java.time.Instant;

import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Does not run a task received after its {@code expires} time: it ends REVOKED, as with Celery's worker.
 */
public class ExpiredInterceptor implements TaskInterceptor {

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		Instant expires = execution.message().expires();
		if (expires != null && expires.isBefore(execution.receivedAt())) {
			return new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.EXPIRED, "expired");
		}
		return chain.proceed(execution);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.EXPIRED;
	}

}
