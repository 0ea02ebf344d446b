package io.taskq.core.send;

import java.time.Duration;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;

/**
 * Stores the SENT state of every task as it is sent, so that a queued task can be told from an unknown id
 * ({@code taskq.result.track-sent}). The write is best effort and not awaited (a send never waits for the store,
 * nor fails because it is down), and it never replaces a state a worker stored first. If the send fails, the state
 * is forgotten, as best effort.
 */
public class SentStateInterceptor implements TaskSendInterceptor {

	private final ResultStore results;

	private final Duration expires;

	/**
	 * Create the step.
	 * @param results stores the state
	 * @param expires how long the state is kept
	 */
	public SentStateInterceptor(ResultStore results, Duration expires) {
		this.results = results;
		this.expires = expires;
	}

	@Override
	public TaskHandle intercept(OutgoingTask task, Chain chain) {
		storeSent(new TaskResult(task.taskId(), TaskState.SENT, null, null, null, null, null,
				task.message().parentId(), null));
		try {
			return chain.proceed(task);
		}
		catch (RuntimeException ex) {
			forgetSent(task.taskId());
			throw ex;
		}
	}

	private void storeSent(TaskResult sent) {
		try {
			this.results.storeIfAbsentWithoutWaiting(sent, this.expires);
		}
		catch (RuntimeException ex) {
			// Best effort: without it the task reads PENDING until a worker starts it.
		}
	}

	private void forgetSent(String taskId) {
		try {
			this.results.deleteWithoutWaiting(taskId);
		}
		catch (RuntimeException ex) {
			// Best effort, as the write.
		}
	}

	@Override
	public int getOrder() {
		return TaskSendInterceptorOrder.SENT_STATE;
	}

}
