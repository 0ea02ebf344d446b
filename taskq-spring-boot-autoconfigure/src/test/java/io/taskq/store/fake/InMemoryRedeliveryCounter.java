package io.taskq.store.fake;

import java.util.HashMap;
import java.util.Map;

import io.taskq.store.RedeliveryCounter;

/**
 * A {@link RedeliveryCounter} in memory, for unit tests.
 */
public class InMemoryRedeliveryCounter implements RedeliveryCounter {

	private final Map<String, Long> counts = new HashMap<>();

	@Override
	public synchronized long increment(String taskId) {
		return this.counts.merge(taskId, 1L, Long::sum);
	}

	@Override
	public synchronized void clear(String taskId) {
		this.counts.remove(taskId);
	}

	/**
	 * The redeliveries counted for a task.
	 * @param taskId the task id
	 * @return the count, zero if none or cleared
	 */
	public synchronized long count(String taskId) {
		return this.counts.getOrDefault(taskId, 0L);
	}

}
