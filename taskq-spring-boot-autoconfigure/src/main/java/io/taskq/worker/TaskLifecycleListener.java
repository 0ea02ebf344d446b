package io.taskq.worker;

/**
 * Told what happens to every delivery: when its handler starts, and how it ended, whatever the outcome (deferred,
 * revoked, rejected and dropped deliveries included). Listeners never change an outcome and must not throw; they
 * run on the worker's threads, so they must be quick. Metrics are one.
 */
public interface TaskLifecycleListener {

	/**
	 * A task's handler is about to run.
	 * @param execution the execution
	 */
	default void taskStarted(TaskExecution execution) {
	}

	/**
	 * A delivery's outcome was applied.
	 * @param execution the execution ({@link TaskExecution#handlerRan()} says whether its handler ran)
	 * @param outcome the outcome
	 */
	default void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
	}

}
