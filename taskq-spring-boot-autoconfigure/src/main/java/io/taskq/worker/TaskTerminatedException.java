package io.taskq.worker;

/**
 * A running task was terminated by a revoke: its outcome is REVOKED {@code TaskRevokedError('terminated')},
 * however its handler ended.
 */
public class TaskTerminatedException extends RuntimeException {

	private final String taskId;

	/**
	 * Create an exception.
	 * @param taskId the terminated task's id
	 * @param cause what the handler threw after the interrupt, or {@code null} if it returned
	 */
	public TaskTerminatedException(String taskId, @org.jspecify.annotations.Nullable Throwable cause) {
		super("Task " + taskId + " was terminated", cause);
		this.taskId = taskId;
	}

	/**
	 * The terminated task's id.
	 * @return the id
	 */
	public String getTaskId() {
		return this.taskId;
	}

}
