package io.taskq.store;

import java.util.List;
import java.util.Optional;

import io.taskq.protocol.WireMessage;

/**
 * Tasks that failed for good, kept with their messages for inspection and re-driving, each for a retention after
 * its failure.
 */
public interface FailedTaskStore {

	/**
	 * Keep a failed task, and forget those that failed longer than the retention ago.
	 * @param failure the failure
	 * @param message the task's message, as it was consumed
	 */
	void add(FailedTask failure, WireMessage message);

	/**
	 * The most recent failures, newest first.
	 * @param limit how many at most
	 * @return the failures
	 */
	List<FailedTask> list(int limit);

	/**
	 * One failure.
	 * @param taskId the task id
	 * @return the failure, if kept
	 */
	Optional<FailedTask> get(String taskId);

	/**
	 * The message of a failed task.
	 * @param taskId the task id
	 * @return the message, if kept
	 */
	Optional<WireMessage> message(String taskId);

	/**
	 * Forget a failed task.
	 * @param taskId the task id
	 * @return whether it was kept
	 */
	boolean delete(String taskId);

}
