package io.taskq.core;

import java.util.List;
import java.util.Optional;

import io.taskq.store.FailedTask;

/**
 * Failed tasks kept for inspection and re-driving. Every task that ends in FAILURE after its last attempt
 * (its retries used up, or none configured) is kept, with its message, for {@code taskq.failed-tasks.retention}.
 */
public interface FailedTaskOperations {

	/**
	 * The most recent failed tasks, newest first.
	 * @param limit how many at most
	 * @return the failed tasks
	 */
	List<FailedTask> list(int limit);

	/**
	 * One failed task.
	 * @param taskId the task id
	 * @return the failed task, if kept
	 */
	Optional<FailedTask> get(String taskId);

	/**
	 * Send a failed task again, with its retries reset to zero, and forget it here.
	 * @param taskId the task id
	 * @return whether there was such a failed task
	 */
	boolean redrive(String taskId);

	/**
	 * Re-drive every failed task.
	 * @return how many were re-driven
	 */
	int redriveAll();

	/**
	 * Forget a failed task without re-driving it.
	 * @param taskId the task id
	 * @return whether there was such a failed task
	 */
	boolean delete(String taskId);

}
