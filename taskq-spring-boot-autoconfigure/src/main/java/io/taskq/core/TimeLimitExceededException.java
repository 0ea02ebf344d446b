package io.taskq.core;

import java.time.Duration;

import io.taskq.result.CeleryError;

/**
 * A task ran past its hard time limit and was abandoned; stored as Celery's {@code TimeLimitExceeded}.
 */
public class TimeLimitExceededException extends RuntimeException implements CeleryError {

	/**
	 * Create an exception.
	 * @param limit the hard time limit
	 */
	public TimeLimitExceededException(Duration limit) {
		super(Double.toString(limit.toNanos() / 1e9));
	}

	@Override
	public String celeryType() {
		return "TimeLimitExceeded";
	}

}
