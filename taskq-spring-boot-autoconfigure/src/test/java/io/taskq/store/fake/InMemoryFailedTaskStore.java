package io.taskq.store.fake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.taskq.protocol.WireMessage;
import io.taskq.store.FailedTask;
import io.taskq.store.FailedTaskStore;

/**
 * A {@link FailedTaskStore} in memory, for unit tests; nothing is forgotten by age.
 */
public class InMemoryFailedTaskStore implements FailedTaskStore {

	private final Map<String, FailedTask> failures = new LinkedHashMap<>();

	private final Map<String, WireMessage> messages = new LinkedHashMap<>();

	@Override
	public synchronized void add(FailedTask failure, WireMessage message) {
		this.failures.remove(failure.taskId());
		this.failures.put(failure.taskId(), failure);
		this.messages.put(failure.taskId(), message);
	}

	@Override
	public synchronized List<FailedTask> list(int limit) {
		List<FailedTask> newestFirst = new ArrayList<>(this.failures.values());
		Collections.reverse(newestFirst);
		return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
	}

	@Override
	public synchronized Optional<FailedTask> get(String taskId) {
		return Optional.ofNullable(this.failures.get(taskId));
	}

	@Override
	public synchronized Optional<WireMessage> message(String taskId) {
		return Optional.ofNullable(this.messages.get(taskId));
	}

	@Override
	public synchronized boolean delete(String taskId) {
		this.messages.remove(taskId);
		return this.failures.remove(taskId) != null;
	}

}
