package io.taskq.core;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * Remembers, in Redis, which task id each idempotency key was first sent as, for a window of time: a key is
 * claimed with one atomic {@code SET key taskId NX PX window}, so of any number of concurrent sends with the same
 * key exactly one wins, on any number of producers. Keys are {@code <prefix>idempotency:<task>:<key>} and expire
 * with their window.
 */
public class IdempotencyStore {

	private final StringRedisTemplate redisTemplate;

	private final String keyPrefix;

	private final Function<String, Duration> defaultWindows;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis access
	 * @param keyPrefix prefix of the store's keys
	 * @param defaultWindows given a task name, how long its keys are remembered when a send names no window
	 */
	public IdempotencyStore(StringRedisTemplate redisTemplate, String keyPrefix,
			Function<String, Duration> defaultWindows) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
		this.defaultWindows = defaultWindows;
	}

	/**
	 * Claim a key for a task id, unless it is claimed already.
	 * @param task the task name
	 * @param key the idempotency key
	 * @param window how long to remember the key, or {@code null} for the task's default
	 * @param taskId the id of the task about to be sent
	 * @return {@code null} if the key is now claimed for {@code taskId}, else the id it was claimed for before
	 */
	public @Nullable String claim(String task, String key, @Nullable Duration window, String taskId) {
		Duration ttl = (window != null) ? window : this.defaultWindows.apply(task);
		Assert.isTrue(ttl.toMillis() >= 1, () -> "Idempotency window of task '" + task + "' must be positive");
		String redisKey = redisKey(task, key);
		// A key can expire between the failed SET and the GET; then the send simply tries once more.
		while (true) {
			if (Boolean.TRUE.equals(this.redisTemplate.opsForValue().setIfAbsent(redisKey, taskId, ttl))) {
				return null;
			}
			String existing = this.redisTemplate.opsForValue().get(redisKey);
			if (existing != null) {
				return existing;
			}
		}
	}

	/**
	 * Release a key claimed for a task id, if it still is, so that a later send with the key can go through.
	 * @param task the task name
	 * @param key the idempotency key
	 * @param taskId the task id the key was claimed for
	 */
	public void release(String task, String key, String taskId) {
		this.redisTemplate.execute(RedisLeases.RELEASE, List.of(redisKey(task, key)), taskId);
	}

	private String redisKey(String task, String key) {
		return this.keyPrefix + "idempotency:" + task + ":" + key;
	}

}
