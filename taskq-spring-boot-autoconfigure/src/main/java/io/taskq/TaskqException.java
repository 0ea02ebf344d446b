package io.taskq;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the unchecked exceptions taskq throws.
 */
public class TaskqException extends RuntimeException {

	public TaskqException(String message) {
		super(message);
	}

	public TaskqException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
