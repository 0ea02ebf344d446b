package io.taskq.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a handler to retry its task (see {@link TaskContext#retry(Duration, Throwable)}): the worker sends
 * the task again with its {@code retries} raised, stores RETRY, and acknowledges this attempt. Once the
 * task's retries are used up, the task fails with the cause.
 */
public class TaskRetryException extends RuntimeException {

	private final @Nullable Duration countdown;

	public TaskRetryException(@Nullable Duration countdown, @Nullable Throwable cause) {
		super("Retry" + ((countdown != null) ? " in " + countdown : "")
				+ ((cause != null) ? ": " + cause : ""), cause);
		this.countdown = countdown;
	}

	/**
	 * Countdown before the retry, or {@code null} for the task's retry policy.
	 * @return the countdown
	 */
	public @Nullable Duration getCountdown() {
		return this.countdown;
	}

}
