package io.taskq.core;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Sends tasks and reads their results. Implemented by {@link TaskTemplate}.
 * <p>
 * Every send is confirmed by the broker before it returns; otherwise it throws
 * {@link TaskPublishException}. Sending returns a {@link TaskHandle} at once, without waiting for the task.
 */
public interface TaskOperations {

	/**
	 * Send a task with positional arguments.
	 * @param task the task name
	 * @param args the positional arguments; each must serialise to JSON
	 * @return a handle on the queued task
	 */
	TaskHandle send(String task, @Nullable Object... args);

	/**
	 * Send a task with keyword arguments.
	 * @param task the task name
	 * @param kwargs the keyword arguments; each value must serialise to JSON
	 * @return a handle on the queued task
	 */
	TaskHandle sendWithKwargs(String task, Map<String, ? extends @Nullable Object> kwargs);

	/**
	 * Send a task with all the options of a {@link TaskRequest}.
	 * @param request the request
	 * @return a handle on the queued task
	 */
	TaskHandle send(TaskRequest request);

	/**
	 * Return a handle on a task by its id, for instance one sent by another process or by Python.
	 * @param taskId the task id
	 * @return a handle on the task
	 */
	TaskHandle handle(String taskId);

	/**
	 * Revoke a task: no worker runs it once revoked, including workers started later, and its state becomes
	 * REVOKED (unless it already succeeded). A task already running goes on; see {@link #revoke(String, boolean)}.
	 * @param taskId the task id
	 */
	default void revoke(String taskId) {
		revoke(taskId, false);
	}

	/**
	 * Revoke a task, and with {@code terminate} also interrupt it if a worker is running it; a terminated task
	 * ends REVOKED {@code TaskRevokedError('terminated')}. Interrupting is cooperative: see the README.
	 * @param taskId the task id
	 * @param terminate whether to interrupt the task if it is running
	 */
	void revoke(String taskId, boolean terminate);

}
