package io.taskq.store.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked task ids a worker knows, each with when its revocation lapses (epoch milliseconds), from full
 * reads of Redis and from the notices that come in between. A read only adds: a notice that comes in while
 * Redis is being read, for a revocation written after the read, is kept. Entries leave when they lapse.
 */
final class KnownRevocations {

	private final Map<String, Long> lapses = new ConcurrentHashMap<>();

	/**
	 * Remember a revocation.
	 * @param taskId the revoked task's id
	 * @param lapsesAt when the revocation lapses
	 */
	void add(String taskId, long lapsesAt) {
		this.lapses.merge(taskId, lapsesAt, Math::max);
	}

	/**
	 * Take in a full read of the revocations, and forget those that lapsed.
	 * @param read the revocations read, by task id
	 * @param now the time now
	 */
	void merge(Map<String, Long> read, long now) {
		read.forEach(this::add);
		this.lapses.values().removeIf((lapsesAt) -> lapsesAt <= now);
	}

	/**
	 * Whether a task is revoked.
	 * @param taskId the task id
	 * @param now the time now
	 * @return whether a revocation of the task is known and has not lapsed
	 */
	boolean contains(String taskId, long now) {
		Long lapsesAt = this.lapses.get(taskId);
		return lapsesAt != null && lapsesAt > now;
	}

}
