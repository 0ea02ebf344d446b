package io.taskq.store.redis;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.store.RedeliveryCounter;

/**
 * Redelivery counts on Redis: one key {@code <prefix>redeliveries:<task id>} per suspect task, incremented and given
 * its expiry in one script.
 */
public class RedisRedeliveryCounter implements RedeliveryCounter {

	private static final RedisScript<Long> INCREMENT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			redis.call('EXPIRE', KEYS[1], ARGV[1])
			return count
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final String keyPrefix;

	private final Duration expiry;

	/**
	 * Create a counter.
	 * @param redisTemplate the Redis access
	 * @param keyPrefix prefix of the keys, followed by {@code redeliveries:<task id>}
	 * @param expiry how long a count is kept after the task's last redelivery
	 */
	public RedisRedeliveryCounter(StringRedisTemplate redisTemplate, String keyPrefix, Duration expiry) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
		this.expiry = expiry;
	}

	@Override
	public long increment(String taskId) {
		Long count = this.redisTemplate.execute(INCREMENT, List.of(key(taskId)),
				Long.toString(Math.max(1, this.expiry.toSeconds())));
		return (count != null) ? count : 1;
	}

	@Override
	public void clear(String taskId) {
		this.redisTemplate.delete(key(taskId));
	}

	private String key(String taskId) {
		return this.keyPrefix + "redeliveries:" + taskId;
	}

}
