package io.taskq.core.send;

import io.taskq.core.IdempotencyKeys;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;

/**
 * Makes a send with an {@linkplain TaskRequest.Builder#idempotencyKey(String) idempotency key} idempotent: it claims
 * the key for the task's id first; if the key was claimed before, the send ends with the earlier task's handle and
 * sends nothing. If the send then fails, the claim is released, so the caller can retry it with the same key.
 */
public class IdempotencyInterceptor implements TaskSendInterceptor {

	private final IdempotencyKeys keys;

	/**
	 * Create the step.
	 * @param keys claims the keys
	 */
	public IdempotencyInterceptor(IdempotencyKeys keys) {
		this.keys = keys;
	}

	@Override
	public TaskHandle intercept(OutgoingTask task, Chain chain) {
		TaskRequest request = task.request();
		String key = request.idempotencyKey();
		if (key == null) {
			return chain.proceed(task);
		}
		String existing = this.keys.claim(request.task(), key, request.idempotencyWindow(), task.taskId());
		if (existing != null) {
			return task.handle(existing);
		}
		try {
			return chain.proceed(task);
		}
		catch (RuntimeException ex) {
			try {
				this.keys.release(request.task(), key, task.taskId());
			}
			catch (RuntimeException releaseFailure) {
				ex.addSuppressed(releaseFailure);
			}
			throw ex;
		}
	}

	@Override
	public int getOrder() {
		return TaskSendInterceptorOrder.IDEMPOTENCY;
	}

}
