package io.taskq.worker;

/**
 * The order of taskq's own {@link TaskInterceptor}s, outermost first. A step of your own goes between two of these
 * (say {@code TaskInterceptorOrder.RATE_LIMIT + 1}).
 */
public final class TaskInterceptorOrder {

	/** Dead-letter a message redelivered too often without an outcome. */
	public static final int POISON = 100;

	/** Do not run a revoked task. */
	public static final int REVOKED = 200;

	/** Do not run a task received after its {@code expires}. */
	public static final int EXPIRED = 300;

	/** Put a task that arrived before its ETA on the schedule. */
	public static final int ETA = 400;

	/** Keep runs of an exclusive task apart. */
	public static final int EXCLUSIVE = 500;

	/** Start runs no faster than the task's rate limit. */
	public static final int RATE_LIMIT = 600;

	/** Acknowledge before the run, for a task that chose at-most-once. */
	public static final int EARLY_ACK = 700;

	/** Store STARTED. */
	public static final int STARTED = 800;

	/** Hold a long task's delivery by a lease in the schedule, past the broker's consumer timeout. */
	public static final int DELIVERY_LEASE = 900;

	/** Run the task within its time limits. */
	public static final int TIME_LIMITS = 1000;

	/** Let a revoke with {@code terminate} interrupt the task. */
	public static final int TERMINATION = 1100;

	private TaskInterceptorOrder() {
	}

}
