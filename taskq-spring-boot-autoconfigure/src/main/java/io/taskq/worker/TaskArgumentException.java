package io.taskq.worker;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a task message's arguments do not fit its handler: too many or too few, an unknown keyword, or
 * a value that does not convert to the parameter's type. The message is bad input: it is dead-lettered, not
 * retried.
 */
public class TaskArgumentException extends RuntimeException {

	public TaskArgumentException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
