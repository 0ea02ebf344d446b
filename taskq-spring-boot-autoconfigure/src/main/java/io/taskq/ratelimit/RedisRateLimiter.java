package io.taskq.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Rate limits shared by all workers: one Redis sorted set per task name, {@code <prefix>ratelimit:<task>},
 * updated by one atomic script call per message, timed by the Redis server's clock (so workers' clocks need
 * not agree).
 * <p>
 * The set holds the task's theoretical arrival time (member {@code tat}, the generic cell rate algorithm with
 * no burst, as Celery's token bucket of capacity one) and the slots reserved for waiting messages (member
 * {@code r:<task id>}). A message that may not start now reserves the next free slot and is told how long to
 * wait; when it comes back at its slot it starts without taking another. Reservations of messages that never
 * come back lapse after the grace period, and the key expires once the last slot and grace period are past.
 */
public class RedisRateLimiter {

	private static final RedisScript<Long> ACQUIRE_SCRIPT = new DefaultRedisScript<>("""
			local key, interval, member, grace = KEYS[1], tonumber(ARGV[1]), 'r:' .. ARGV[2], tonumber(ARGV[3])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
			redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('(%d', now - grace))
			local reserved = redis.call('ZSCORE', key, member)
			if reserved then
			  reserved = tonumber(reserved)
			  if reserved <= now then
			    redis.call('ZREM', key, member)
			    return 0
			  end
			  return reserved - now
			end
			local tat = tonumber(redis.call('ZSCORE', key, 'tat') or now)
			if tat < now then tat = now end
			local wait = tat - now
			redis.call('ZADD', key, tat + interval, 'tat')
			if wait > 0 then redis.call('ZADD', key, tat, member) end
			redis.call('PEXPIRE', key, math.ceil((wait + interval + grace) / 1000))
			return wait
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final String keyPrefix;

	private final Duration grace;

	/**
	 * Create a limiter.
	 * @param redisTemplate the Redis template
	 * @param keyPrefix prefix of the keys, followed by {@code ratelimit:<task>}
	 * @param grace how long a reserved slot is kept for a message that comes back late, and how long a key
	 * outlives its last slot
	 */
	public RedisRateLimiter(StringRedisTemplate redisTemplate, String keyPrefix, Duration grace) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
		this.grace = grace;
	}

	/**
	 * Take a slot for one run of a task.
	 * @param task the task name
	 * @param rateLimit the task's rate limit
	 * @param taskId the id of the task message; a message that was told to wait starts at its reserved slot
	 * @return {@link Duration#ZERO} if the task may start now, else how long it must wait (its slot is reserved)
	 */
	public Duration acquire(String task, RateLimit rateLimit, String taskId) {
		Long waitMicros = this.redisTemplate.execute(ACQUIRE_SCRIPT, List.of(key(task)),
				Long.toString(rateLimit.intervalMicros()), taskId, Long.toString(this.grace.toNanos() / 1000));
		return (waitMicros != null && waitMicros > 0) ? Duration.ofNanos(waitMicros * 1000) : Duration.ZERO;
	}

	/**
	 * Give back the slot reserved for a message that will not start at it after all (it waits for something
	 * else, such as an exclusive key); it takes a new slot when it comes back.
	 * @param task the task name
	 * @param taskId the id of the task message
	 */
	public void release(String task, String taskId) {
		this.redisTemplate.opsForZSet().remove(key(task), "r:" + taskId);
	}

	/**
	 * The Redis key of a task's rate limit.
	 * @param task the task name
	 * @return the key
	 */
	public String key(String task) {
		return this.keyPrefix + "ratelimit:" + task;
	}

}
