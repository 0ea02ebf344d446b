package io.taskq.sample.reports;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A lock shared by all instances, held in Redis with a lease: {@code SET key token NX PX lease} takes it, and it
 * is released only by its holder, with a compare-and-delete script on the token. A holder that dies loses the
 * lock when the lease ends.
 */
public class RedisLock {

	private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
			Long.class);

	private static final long MAX_POLL_MILLIS = 100;

	private final StringRedisTemplate redis;

	/**
	 * Create a lock manager.
	 * @param redis the Redis access
	 */
	public RedisLock(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Take the lock if it is free.
	 * @param key the lock's key
	 * @param lease how long the lock is held at most
	 * @return the lease, or {@code null} if someone else holds the lock
	 */
	public @Nullable Lease tryAcquire(String key, Duration lease) {
		String token = UUID.randomUUID().toString();
		Boolean acquired = this.redis.opsForValue().setIfAbsent(key, token, lease);
		return Boolean.TRUE.equals(acquired) ? new Lease(key, token) : null;
	}

	/**
	 * Take the lock, waiting for it to be free.
	 * @param key the lock's key
	 * @param lease how long the lock is held at most
	 * @param wait how long to wait at most
	 * @return the lease
	 * @throws LockTimeoutException if the lock stayed taken for the whole wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Lease acquire(String key, Duration lease, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		long pause = 5;
		while (true) {
			Lease acquired = tryAcquire(key, lease);
			if (acquired != null) {
				return acquired;
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new LockTimeoutException("Lock " + key + " is still held by another worker after " + wait);
			}
			Thread.sleep(pause);
			pause = Math.min(MAX_POLL_MILLIS, pause * 2);
		}
	}

	/**
	 * A held lock.
	 */
	public final class Lease implements AutoCloseable {

		private final String key;

		private final String token;

		private Lease(String key, String token) {
			this.key = key;
			this.token = token;
		}

		/**
		 * Whether this lease still holds the lock (it has not ended nor been released).
		 * @return whether the lock is held
		 */
		public boolean isHeld() {
			return this.token.equals(RedisLock.this.redis.opsForValue().get(this.key));
		}

		/**
		 * Release the lock if this lease still holds it; a lock taken over by someone else is left alone.
		 * @return whether this lease held the lock
		 */
		public boolean release() {
			Long deleted = RedisLock.this.redis.execute(RELEASE, List.of(this.key), this.token);
			return deleted != null && deleted > 0;
		}

		@Override
		public void close() {
			release();
		}

	}

	/**
	 * A lock could not be taken in time.
	 */
	public static class LockTimeoutException extends RuntimeException {

		/**
		 * Create an exception.
		 * @param message what lock, and how long was waited
		 */
		public LockTimeoutException(String message) {
			super(message);
		}

	}

}
