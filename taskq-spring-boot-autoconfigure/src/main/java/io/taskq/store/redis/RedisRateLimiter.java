package io.taskq.store.redis;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.store.RateLimiter;

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
public class RedisRateLimiter implements RateLimiter {

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

	@Override
	public Duration acquire(String task, long intervalMicros, String taskId) {
		Long waitMicros = this.redisTemplate.execute(ACQUIRE_SCRIPT, List.of(key(task)), Long.toString(intervalMicros),
				taskId, Long.toString(this.grace.toNanos() / 1000));
		return (waitMicros != null && waitMicros > 0) ? Duration.ofNanos(waitMicros * 1000) : Duration.ZERO;
	}

	@Override
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
