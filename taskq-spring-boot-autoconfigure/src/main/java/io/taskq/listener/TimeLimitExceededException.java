package io.taskq.listener;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.taskq.result.CeleryError;

/**
 * A task ran past its hard time limit and was abandoned; stored as Celery's {@code TimeLimitExceeded}.
 */
public class TimeLimitExceededException extends RuntimeException implements CeleryError {

	private final transient CompletionStage<Void> abandonedThreadEnd;

	/**
	 * Create an exception for an abandoned task.
	 * @param limit the hard time limit
	 * @param abandonedThreadEnd completes when the thread that still runs the abandoned handler ends
	 */
	public TimeLimitExceededException(Duration limit, CompletionStage<Void> abandonedThreadEnd) {
		super(Double.toString(limit.toNanos() / 1e9));
		this.abandonedThreadEnd = abandonedThreadEnd;
	}

	/**
	 * When the thread that ran the abandoned handler ends: the JVM cannot stop a thread that ignores interrupts.
	 * @return completes once the handler has really returned or thrown
	 */
	public CompletionStage<Void> abandonedThreadEnd() {
		return this.abandonedThreadEnd;
	}

	@Override
	public String celeryType() {
		return "TimeLimitExceeded";
	}

}
