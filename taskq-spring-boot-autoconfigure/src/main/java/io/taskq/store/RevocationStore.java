package io.taskq.store;

/**
 * Revoked task ids, shared by every worker, including workers started later.
 */
public interface RevocationStore {

	/**
	 * Revoke a task: workers that meet its message do not run it, REVOKED is stored unless the task already
	 * succeeded, and with {@code terminate} a worker running it interrupts it.
	 * @param taskId the task id
	 * @param terminate whether to interrupt the task if it is running
	 */
	void revoke(String taskId, boolean terminate);

	/**
	 * Whether a task is revoked. Answers quickly (workers ask for every task) and fails open: if the store cannot
	 * answer, the task counts as not revoked.
	 * @param taskId the task id
	 * @return whether it is revoked
	 */
	boolean isRevoked(String taskId);

}
