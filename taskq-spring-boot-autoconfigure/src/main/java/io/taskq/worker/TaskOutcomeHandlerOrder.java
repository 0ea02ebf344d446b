package io.taskq.worker;

/**
 * The order of taskq's own {@link TaskOutcomeHandler}s.
 */
public final class TaskOutcomeHandlerOrder {

	/** Put deferred runs and retries on the schedule, before their state says they wait. */
	public static final int SCHEDULE = 100;

	/** Store the state (SUCCESS, FAILURE, RETRY, REVOKED). */
	public static final int STATE = 200;

	/** Keep a task that failed for good, for re-driving. */
	public static final int FAILED_TASKS = 300;

	/** Move an unrunnable message to the dead-letter queue. */
	public static final int DEAD_LETTER = 400;

	private TaskOutcomeHandlerOrder() {
	}

}
