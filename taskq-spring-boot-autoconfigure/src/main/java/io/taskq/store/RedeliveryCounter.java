package io.taskq.store;

/**
 * Counts the redeliveries of task messages that no delivery brought to an outcome, whichever worker they land
 * on, to find poison messages. Counts expire.
 */
public interface RedeliveryCounter {

	/**
	 * Count one more redelivery of a task.
	 * @param taskId the task id
	 * @return the redeliveries counted so far, this one included
	 */
	long increment(String taskId);

	/**
	 * Forget a task's redeliveries: one of its deliveries reached an outcome.
	 * @param taskId the task id
	 */
	void clear(String taskId);

}
