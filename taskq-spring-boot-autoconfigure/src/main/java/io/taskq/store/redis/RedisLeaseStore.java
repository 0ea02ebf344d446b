package io.taskq.store.redis;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.store.LeaseStore;

/**
 * Leases on Redis: a lease is a key {@code <prefix><name>} holding its holder's token, taken as with
 * {@code SET NX PX}, and renewed or deleted only by a script that checks the token first, so a holder whose lease
 * lapsed and was taken by another never renews or deletes the other's.
 */
public class RedisLeaseStore implements LeaseStore {

	/** Take the lease if free; otherwise return the token of its holder. */
	private static final RedisScript<String> ACQUIRE = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder then return holder end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return ''
			""", String.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end",
			Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
			Long.class);

	private final StringRedisTemplate redisTemplate;

	private final String keyPrefix;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis access
	 * @param keyPrefix prefix of the leases' keys
	 */
	public RedisLeaseStore(StringRedisTemplate redisTemplate, String keyPrefix) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public @Nullable String acquire(String name, String holder, Duration ttl) {
		String current = this.redisTemplate.execute(ACQUIRE, List.of(this.keyPrefix + name), holder,
				Long.toString(Math.max(1, ttl.toMillis())));
		return (current == null || current.isEmpty()) ? null : current;
	}

	@Override
	public boolean renew(String name, String holder, Duration ttl) {
		Long renewed = this.redisTemplate.execute(RENEW, List.of(this.keyPrefix + name), holder,
				Long.toString(Math.max(1, ttl.toMillis())));
		return renewed != null && renewed == 1L;
	}

	@Override
	public void release(String name, String holder) {
		this.redisTemplate.execute(RELEASE, List.of(this.keyPrefix + name), holder);
	}

}
