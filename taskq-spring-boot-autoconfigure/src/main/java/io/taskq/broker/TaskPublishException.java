package io.taskq.broker;

import org.jspecify.annotations.Nullable;

import io.taskq.TaskqException;

/**
 * Thrown when a task message was not confirmed by the broker: it was nacked, returned as unroutable, not
 * confirmed in time, or could not be published at all. The task may not have been queued.
 */
public class TaskPublishException extends TaskqException {

	private final String taskId;

	public TaskPublishException(String taskId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.taskId = taskId;
	}

	/**
	 * Id of the task whose message was not confirmed.
	 * @return the task id
	 */
	public String getTaskId() {
		return this.taskId;
	}

}
