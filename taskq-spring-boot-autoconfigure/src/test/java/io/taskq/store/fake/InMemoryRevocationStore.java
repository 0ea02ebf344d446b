package io.taskq.store.fake;

import java.util.HashSet;
import java.util.Set;

import io.taskq.store.RevocationStore;

/**
 * A {@link RevocationStore} in memory, for unit tests.
 */
public class InMemoryRevocationStore implements RevocationStore {

	private final Set<String> revoked = new HashSet<>();

	@Override
	public synchronized void revoke(String taskId, boolean terminate) {
		this.revoked.add(taskId);
	}

	@Override
	public synchronized boolean isRevoked(String taskId) {
		return this.revoked.contains(taskId);
	}

}
