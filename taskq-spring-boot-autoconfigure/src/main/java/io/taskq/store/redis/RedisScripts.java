package io.taskq.store.redis;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts that more than one store runs.
 */
final class RedisScripts {

	/**
	 * Move a member of a sorted set ({@code KEYS[1]}, member {@code ARGV[1]}) to a new score ({@code ARGV[2]}) if it
	 * is still there; answers 1 if it was moved, 0 if it was gone.
	 */
	static final RedisScript<Long> POSTPONE = new DefaultRedisScript<>("""
			if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
			  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
			  return 1
			end
			return 0
			""", Long.class);

	private RedisScripts() {
	}

}
