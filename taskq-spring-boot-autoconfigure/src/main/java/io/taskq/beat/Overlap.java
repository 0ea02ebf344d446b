package io.taskq.beat;

/**
 * What a schedule does when a tick comes while the task its previous tick sent has not finished (its state is
 * not SUCCESS, FAILURE or REVOKED). With {@link #SKIP} and {@link #BUFFER_ONE}, ticks due together (missed ticks
 * caught up, for instance) send the latest of them only, the others are skipped: tasks sent together would run
 * together.
 */
public enum Overlap {

	/** Send the task anyway. */
	ALLOW,

	/** Do not send it; the tick is recorded as skipped. */
	SKIP,

	/** Hold the tick and send it once the previous run has finished; while one is held, further ticks are skipped. */
	BUFFER_ONE

}
