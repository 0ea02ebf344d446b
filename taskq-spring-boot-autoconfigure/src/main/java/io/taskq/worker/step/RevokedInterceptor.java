package io.taskq.worker.step;

import io.taskq.store.RevocationStore;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Does not run a revoked task: it ends REVOKED.
 */
public class RevokedInterceptor implements TaskInterceptor {

	private final RevocationStore revocations;

	/**
	 * Create the step.
	 * @param revocations the revoked task ids
	 */
	public RevokedInterceptor(RevocationStore revocations) {
		this.revocations = revocations;
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		if (this.revocations.isRevoked(execution.message().id())) {
			return new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked");
		}
		return chain.proceed(execution);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.REVOKED;
	}

}
