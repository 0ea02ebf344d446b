package io.taskq.core;

/**
 * Told of every task sent; the Micrometer binder is one. Callbacks run on the sending thread and must be quick and
 * must not throw. (The worker's side is {@code io.taskq.worker.TaskLifecycleListener}.)
 */
public interface TaskObserver {

	/** An observer that ignores everything. */
	TaskObserver NONE = new TaskObserver() {
	};

	/**
	 * A task message was published and confirmed, or put on the schedule.
	 * @param task the task name
	 * @param queue the queue it goes to
	 */
	default void taskSent(String task, String queue) {
	}

}
