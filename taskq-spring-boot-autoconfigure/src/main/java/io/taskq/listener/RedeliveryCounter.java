package io.taskq.listener;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts, in Redis, the deliveries of task messages that came back after a worker took them and never settled
 * them (it died, was killed or stopped mid-task), so that a poison message is found whichever worker it lands
 * on. Only redelivered messages are counted, so a task delivered once costs nothing; a count is cleared once a
 * delivery reaches an outcome, and every count expires.
 */
public class RedeliveryCounter {

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
	public RedeliveryCounter(StringRedisTemplate redisTemplate, String keyPrefix, Duration expiry) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
		this.expiry = expiry;
	}

	/**
	 * Count one more redelivery of a task.
	 * @param taskId the task id
	 * @return the redeliveries counted so far, this one included
	 */
	public long increment(String taskId) {
		Long count = this.redisTemplate.execute(INCREMENT, List.of(key(taskId)),
				Long.toString(Math.max(1, this.expiry.toSeconds())));
		return (count != null) ? count : 1;
	}

	/**
	 * Forget a task's redeliveries: one of its deliveries reached an outcome.
	 * @param taskId the task id
	 */
	public void clear(String taskId) {
		this.redisTemplate.delete(key(taskId));
	}

	private String key(String taskId) {
		return this.keyPrefix + "redeliveries:" + taskId;
	}

}
