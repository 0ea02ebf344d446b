package io.taskq.worker.step;

import java.time.Instant;

import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Defers a task that arrived before its ETA (a Python {@code countdown}): it waits, unchanged, on the durable
 * schedule rather than in a worker's memory (Celery's way, which hoards prefetch slots and heap).
 */
public class EtaInterceptor implements TaskInterceptor {

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		Instant eta = execution.message().eta();
		if (eta != null && eta.isAfter(execution.receivedAt()) && execution.queue() != null) {
			return new TaskOutcome.Deferred(execution.wireMessage(), eta, "its ETA");
		}
		return chain.proceed(execution);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.ETA;
	}

}
