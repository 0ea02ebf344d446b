package io.taskq.core;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * Scripts for Redis keys held by a token (idempotency keys, exclusive-execution leases): only the holder of the
 * token may release the key.
 */
public final class RedisLeases {

	/** Delete {@code KEYS[1]} if its value is the token {@code ARGV[1]}; returns how many keys were deleted. */
	public static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
			Long.class);

	private RedisLeases() {
	}

}
