package io.taskq.result;

import java.util.Locale;
import java.util.Set;

/**
 * State of a task as Celery names it. The well-known states are constants; a task may also store a custom
 * state, which {@link #of(String)} keeps by name.
 *
 * @param name the state's name, upper case
 */
public record TaskState(String name) {

	/** Unknown to the result store: not sent, not yet started, or its result expired. */
	public static final TaskState PENDING = new TaskState("PENDING");

	/**
	 * Sent and not yet started: stored by taskq's producer at send time (unless {@code taskq.result.track-sent}
	 * is off), so that a queued task can be told from an unknown id. A custom state to Celery, which reads it
	 * as not ready.
	 */
	public static final TaskState SENT = new TaskState("SENT");

	/** Received by a worker (events only; never stored). */
	public static final TaskState RECEIVED = new TaskState("RECEIVED");

	/** Started by a worker (stored only when started states are tracked). */
	public static final TaskState STARTED = new TaskState("STARTED");

	/** Failed and sent again for another attempt. */
	public static final TaskState RETRY = new TaskState("RETRY");

	/** Finished and returned a result. Sticky: later writes never replace it. */
	public static final TaskState SUCCESS = new TaskState("SUCCESS");

	/** Finished with an exception. */
	public static final TaskState FAILURE = new TaskState("FAILURE");

	/** Revoked, or expired before it ran. */
	public static final TaskState REVOKED = new TaskState("REVOKED");

	private static final Set<TaskState> READY = Set.of(SUCCESS, FAILURE, REVOKED);

	private static final Set<TaskState> EXCEPTION = Set.of(RETRY, FAILURE, REVOKED);

	public TaskState {
		name = name.toUpperCase(Locale.ROOT);
	}

	/**
	 * Return the state with the given name.
	 * @param name a state name such as {@code "SUCCESS"}
	 * @return the state
	 */
	public static TaskState of(String name) {
		return new TaskState(name);
	}

	/**
	 * Whether the task has finished for good (SUCCESS, FAILURE or REVOKED).
	 * @return whether the state is a ready state
	 */
	public boolean isReady() {
		return READY.contains(this);
	}

	/**
	 * Whether the stored result of this state is an exception (RETRY, FAILURE or REVOKED).
	 * @return whether the state carries an exception
	 */
	public boolean isException() {
		return EXCEPTION.contains(this);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
