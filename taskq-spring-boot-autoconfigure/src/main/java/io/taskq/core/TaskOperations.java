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

}
