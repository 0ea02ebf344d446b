package io.taskq.core;

import org.jspecify.annotations.Nullable;

import io.taskq.result.CeleryError;

/**
 * A task failed after its soft time limit interrupted it; stored as Celery's {@code SoftTimeLimitExceeded}, with
 * what the task threw as the cause.
 */
public class SoftTimeLimitExceededException extends RuntimeException implements CeleryError {

	public SoftTimeLimitExceededException(@Nullable Throwable cause) {
		super("soft time limit exceeded", cause);
	}

	@Override
	public String celeryType() {
		return "SoftTimeLimitExceeded";
	}

}
