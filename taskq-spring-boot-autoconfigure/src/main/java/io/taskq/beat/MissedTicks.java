package io.taskq.beat;

/**
 * What a schedule does with ticks that passed while no instance could fire them (none was running, or the
 * schedule was paused): ticks later than the misfire threshold are missed.
 */
public enum MissedTicks {

	/** Fire none of them; the schedule goes on with its next tick. */
	SKIP,

	/** Fire the latest of them once, now. */
	FIRE_ONCE,

	/** Fire each of them that lies within the schedule's catch-up window, oldest first. */
	CATCH_UP

}
