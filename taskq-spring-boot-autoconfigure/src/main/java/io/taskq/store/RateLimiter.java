package io.taskq.store;

import java.time.Duration;

/**
 * Rate limits shared by all workers: runs of a task start at most one per interval, across every worker.
 */
public interface RateLimiter {

	/**
	 * Take a slot for one run of a task: now, or the next free one, reserved for this message.
	 * @param task the task name
	 * @param intervalMicros the interval between two starts, in microseconds
	 * @param taskId the id of the task message; a message told to wait starts at its reserved slot
	 * @return {@link Duration#ZERO} if the run may start now, else how long it must wait
	 */
	Duration acquire(String task, long intervalMicros, String taskId);

	/**
	 * Give back the slot reserved for a message that will not start at it after all; it takes a new slot when it
	 * comes back.
	 * @param task the task name
	 * @param taskId the id of the task message
	 */
	void release(String task, String taskId);

}
