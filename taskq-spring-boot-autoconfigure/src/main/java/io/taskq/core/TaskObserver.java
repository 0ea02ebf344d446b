package io.taskq.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told what happens to tasks, on the producer and the worker side; the Micrometer binder is one. Callbacks
 * run on the sending or working thread and must be quick and must not throw.
 */
public interface TaskObserver {

	/** An observer that ignores everything. */
	TaskObserver NONE = new TaskObserver() {
	};

	/**
	 * A task message was published and confirmed.
	 * @param task the task name
	 * @param queue the queue it went to
	 */
	default void taskSent(String task, String queue) {
	}

	/**
	 * A worker is about to run a task.
	 * @param task the task name
	 * @param queueWait time from send to start, when the message says when it was sent
	 */
	default void taskStarted(String task, @Nullable Duration queueWait) {
	}

	/**
	 * A worker finished a task it had started.
	 * @param task the task name
	 * @param outcome how it ended
	 * @param duration how long the handler ran
	 */
	default void taskFinished(String task, Outcome outcome, Duration duration) {
	}

	/**
	 * A message that cannot run went to the dead-letter queue.
	 * @param reason the reason code, for example {@code malformed-body}
	 * @param task the task name, if the message revealed one
	 */
	default void messageDeadLettered(String reason, @Nullable String task) {
	}

	/**
	 * How a started task ended.
	 */
	enum Outcome {

		/** The handler returned. */
		SUCCESS,

		/** The handler threw. */
		FAILURE,

		/** The arguments did not fit the handler; the message was dead-lettered. */
		REJECTED,

		/** The task was terminated by a revoke. */
		REVOKED;

		/**
		 * The lower-case tag value of this outcome.
		 * @return the tag value
		 */
		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
