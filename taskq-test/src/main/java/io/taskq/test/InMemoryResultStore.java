package io.taskq.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;

/**
 * The kit's results and revocations, in memory: states are kept as the Redis store keeps them (SUCCESS is
 * sticky) and never expire; a revoked task that has not succeeded is stored REVOKED, as Celery stores it.
 */
final class InMemoryResultStore implements ResultStore, RevocationStore {

	private final Map<String, TaskResult> results = new HashMap<>();

	private final Set<String> revoked = new HashSet<>();

	@Override
	public synchronized boolean store(TaskResult result, Duration expires) {
		TaskResult current = this.results.get(result.taskId());
		if (current != null && TaskState.SUCCESS.equals(current.state())) {
			return false;
		}
		this.results.put(result.taskId(), result);
		notifyAll();
		return true;
	}

	@Override
	public synchronized boolean storeIfAbsent(TaskResult result, Duration expires) {
		if (this.results.containsKey(result.taskId())) {
			return false;
		}
		this.results.put(result.taskId(), result);
		notifyAll();
		return true;
	}

	@Override
	public synchronized @Nullable TaskResult get(String taskId) {
		return this.results.get(taskId);
	}

	@Override
	public synchronized List<@Nullable TaskResult> getAll(List<String> taskIds) {
		List<@Nullable TaskResult> found = new ArrayList<>();
		taskIds.forEach((taskId) -> found.add(this.results.get(taskId)));
		return found;
	}

	@Override
	public synchronized @Nullable TaskResult awaitReady(String taskId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		TaskResult result = this.results.get(taskId);
		while (result == null || !result.isReady()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			wait(Math.max(1, left / 1_000_000));
			result = this.results.get(taskId);
		}
		return result;
	}

	@Override
	public synchronized void delete(String taskId) {
		this.results.remove(taskId);
	}

	@Override
	public synchronized void revoke(String taskId, boolean terminate) {
		this.revoked.add(taskId);
		store(new TaskResult(taskId, TaskState.REVOKED,
				TaskErrors.of("TaskRevokedError", "celery.exceptions", "revoked"), null,
				JsonNodeFactory.instance.arrayNode(), null, null, null, null), Duration.ZERO);
	}

	@Override
	public synchronized boolean isRevoked(String taskId) {
		return this.revoked.contains(taskId);
	}

	/**
	 * Forget every result and revocation.
	 */
	synchronized void clear() {
		this.results.clear();
		this.revoked.clear();
	}

}
