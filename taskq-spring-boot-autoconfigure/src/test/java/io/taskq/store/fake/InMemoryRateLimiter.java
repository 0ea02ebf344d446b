package io.taskq.store.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.taskq.store.RateLimiter;

/**
 * A {@link RateLimiter} in memory, for unit tests: runs of a task start one per interval by the given clock; a
 * message told to wait keeps its reserved slot until it takes it or gives it back.
 */
public class InMemoryRateLimiter implements RateLimiter {

	private final Clock clock;

	private final Map<String, Instant> nextFree = new HashMap<>();

	private final Map<String, Instant> reserved = new HashMap<>();

	private final List<String> released = new ArrayList<>();

	/**
	 * Create a limiter.
	 * @param clock tells when a slot is free
	 */
	public InMemoryRateLimiter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Duration acquire(String task, long intervalMicros, String taskId) {
		Instant now = this.clock.instant();
		Instant slot = this.reserved.get(task + "|" + taskId);
		if (slot == null) {
			Instant free = this.nextFree.getOrDefault(task, now);
			slot = free.isBefore(now) ? now : free;
			this.nextFree.put(task, slot.plus(intervalMicros, ChronoUnit.MICROS));
		}
		if (!slot.isAfter(now)) {
			this.reserved.remove(task + "|" + taskId);
			return Duration.ZERO;
		}
		this.reserved.put(task + "|" + taskId, slot);
		return Duration.between(now, slot);
	}

	@Override
	public synchronized void release(String task, String taskId) {
		if (this.reserved.remove(task + "|" + taskId) != null) {
			this.released.add(taskId);
		}
	}

	/**
	 * The ids of the messages that gave back their reserved slot, in order.
	 * @return the task ids
	 */
	public synchronized List<String> released() {
		return List.copyOf(this.released);
	}

}
