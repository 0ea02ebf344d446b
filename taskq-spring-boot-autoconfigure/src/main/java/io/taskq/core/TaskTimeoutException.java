package io.taskq.core;

import io.taskq.TaskqException;

/**
 * Thrown when a task's result is not ready within the time a caller was willing to wait.
 */
public class TaskTimeoutException extends TaskqException {

	private final String taskId;

	public TaskTimeoutException(String taskId, String message) {
		super(message);
		this.taskId = taskId;
	}

	/**
	 * Id of the task that did not finish in time.
	 * @return the task id
	 */
	public String getTaskId() {
		return this.taskId;
	}

}
