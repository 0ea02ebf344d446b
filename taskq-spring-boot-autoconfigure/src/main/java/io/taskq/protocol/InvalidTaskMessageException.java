package io.taskq.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a message is not a task message taskq can run: not Celery protocol v2, not JSON, of the wrong
 * shape, or with headers that do not parse. Carries a short machine-readable reason and whatever the message
 * did reveal (its task id and name), so the worker can record the failure where the caller looks for it.
 */
public class InvalidTaskMessageException extends RuntimeException {

	private final String reason;

	private final @Nullable String taskId;

	private final @Nullable String taskName;

	public InvalidTaskMessageException(String reason, String message, @Nullable String taskId,
			@Nullable String taskName, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.taskId = taskId;
		this.taskName = taskName;
	}

	/**
	 * Short reason code, for example {@code "malformed-body"} or {@code "invalid-header"}.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Id of the task, if the message carried a readable one.
	 * @return the task id, or {@code null}
	 */
	public @Nullable String getTaskId() {
		return this.taskId;
	}

	/**
	 * Name of the task, if the message carried a readable one.
	 * @return the task name, or {@code null}
	 */
	public @Nullable String getTaskName() {
		return this.taskName;
	}

}
