package io.taskq.worker;

/**
 * What a task does when it is received while another run with the same exclusive key holds the lease.
 *
 * @see ExclusivePolicy
 */
public enum OnConflict {

	/**
	 * Do not run: store REVOKED with {@code TaskRevokedError('skipped: ...')} and acknowledge the message. Use it
	 * when the run in progress does the work the second one would (refreshing the same report).
	 */
	SKIP,

	/**
	 * Run later: put the message back on the schedule, due after the conflict retry delay, without counting a
	 * retry; it runs once the lease is free. Use it when every run must happen, one at a time.
	 */
	RETRY

}
