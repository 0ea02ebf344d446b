package io.taskq.store.fake;

import java.util.HashSet;
import java.util.Set;

import io.taskq.store.RevocationStore;

/**
 * A {@link RevocationStore} in memory, for unit tests: remembers which revokes asked to terminate.
 */
public class InMemoryRevocationStore implements RevocationStore {

	private final Set<String> revoked = new HashSet<>();

	private final Set<String> terminated = new HashSet<>();

	@Override
	public synchronized void revoke(String taskId, boolean terminate) {
		this.revoked.add(taskId);
		if (terminate) {
			this.terminated.add(taskId);
		}
	}

	@Override
	public synchronized boolean isRevoked(String taskId) {
		return this.revoked.contains(taskId);
	}

	/**
	 * Whether a task was revoked with {@code terminate}.
	 * @param taskId the task id
	 * @return whether a revoke asked to interrupt it
	 */
	public synchronized boolean isTerminated(String taskId) {
		return this.terminated.contains(taskId);
	}

}
