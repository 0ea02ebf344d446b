package io.taskq.beat;

import java.util.List;

/**
 * Told what became of a schedule's ticks once an instance has recorded them (so each tick is told once across
 * every instance), and of triggered runs. Metrics listen here. A listener must not throw; if it does, the
 * exception is logged and ignored.
 */
@FunctionalInterface
public interface BeatListener {

	/**
	 * Runs were recorded in a schedule's history.
	 * @param schedule the schedule's name
	 * @param runs the runs, oldest first
	 * @param missed how many ticks were missed in all: the history keeps the latest of them only
	 */
	void recorded(String schedule, List<BeatRun> runs, long missed);

}
