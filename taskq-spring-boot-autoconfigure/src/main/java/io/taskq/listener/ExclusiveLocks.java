package io.taskq.listener;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.core.RedisLeases;
import io.taskq.protocol.TaskMessage;

/**
 * Leases in Redis that let at most one run of an {@linkplain ExclusivePolicy exclusive} task hold a key at a time,
 * across every worker. A lease is a key {@code <prefix>exclusive:<task>:<value>} holding a token (the task id and a
 * random part), taken as with {@code SET NX PX lease}; while the task runs, one shared thread renews it every third of the lease (only if the
 * token is still its own); when the task ends it is deleted (again only if the token is still its own). A worker
 * that dies stops renewing, and its lease expires.
 */
public class ExclusiveLocks implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ExclusiveLocks.class);

	/** Take the lease if free ({@code SET NX PX}); otherwise return the token of the run holding it. */
	private static final RedisScript<String> ACQUIRE = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder then return holder end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return ''
			""", String.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
			Long.class);

	private final StringRedisTemplate redisTemplate;

	private final String keyPrefix;

	private final ScheduledExecutorService renewals;

	/**
	 * Create the locks.
	 * @param redisTemplate the Redis access
	 * @param keyPrefix prefix of the leases' keys
	 */
	public ExclusiveLocks(StringRedisTemplate redisTemplate, String keyPrefix) {
		this.redisTemplate = redisTemplate;
		this.keyPrefix = keyPrefix;
		this.renewals = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "taskq-lease-renewal");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Take the lease of a run, if its task is exclusive.
	 * @param handler the task's handler
	 * @param message the task message
	 * @return the lease, {@linkplain Lease#isHeld() held} or not; a task that is not exclusive gets a held lease
	 * that guards nothing
	 * @throws TaskArgumentException if the arguments do not fit the handler or the key cannot be evaluated
	 */
	public Lease acquire(TaskMessageListener.Handler handler, TaskMessage message) {
		ExclusivePolicy policy = handler.endpoint().exclusive();
		if (!policy.isExclusive()) {
			return new Lease(null, null, true, null, false);
		}
		String value = policy.evaluate(message.task(), handler.invoker().arguments(message));
		String key = this.keyPrefix + "exclusive:" + message.task() + ":" + value;
		String token = message.id() + "|" + UUID.randomUUID();
		long leaseMillis = policy.lease().toMillis();
		String holder = this.redisTemplate.execute(ACQUIRE, List.of(key), token, Long.toString(leaseMillis));
		if (holder != null && !holder.isEmpty()) {
			boolean sameTask = holder.startsWith(message.id() + "|");
			return new Lease(value, key, false, null, sameTask);
		}
		long period = leaseMillis / 3;
		ScheduledFuture<?> renewal = this.renewals.scheduleAtFixedRate(() -> renew(message, key, token, leaseMillis),
				period, period, TimeUnit.MILLISECONDS);
		return new Lease(value, key, true, new Held(token, renewal), false);
	}

	private void renew(TaskMessage message, String key, String token, long leaseMillis) {
		try {
			Long renewed = this.redisTemplate.execute(RENEW, List.of(key), token, Long.toString(leaseMillis));
			if (renewed == null || renewed == 0) {
				logger.warn("Task " + message + " lost its exclusive lease '" + key
						+ "' (it expired before renewal); another run may start");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew exclusive lease '" + key + "' of task " + message + ": " + ex.getMessage());
		}
	}

	/**
	 * Stop renewing leases; leases still held expire.
	 */
	@Override
	public void close() {
		this.renewals.shutdownNow();
	}

	private record Held(String token, ScheduledFuture<?> renewal) {
	}

	/**
	 * The lease of one run.
	 */
	public final class Lease {

		private final @Nullable String value;

		private final @Nullable String redisKey;

		private final boolean held;

		private final @Nullable Held ownership;

		private final boolean heldBySameTask;

		private Lease(@Nullable String value, @Nullable String redisKey, boolean held, @Nullable Held ownership,
				boolean heldBySameTask) {
			this.value = value;
			this.redisKey = redisKey;
			this.held = held;
			this.ownership = ownership;
			this.heldBySameTask = heldBySameTask;
		}

		/**
		 * Whether the run holding the key is the same task (same id): this message is a second copy of a task
		 * that is running elsewhere, such as a delivery the broker gave again after a connection loss.
		 * @return whether the key is held by another run of this very task
		 */
		public boolean isHeldBySameTask() {
			return this.heldBySameTask;
		}

		/**
		 * Whether this run may go ahead: the lease is its own, or the task is not exclusive.
		 * @return whether the lease is held
		 */
		public boolean isHeld() {
			return this.held;
		}

		/**
		 * The value of the run's exclusive key.
		 * @return the key value, or {@code null} if the task is not exclusive
		 */
		public @Nullable String value() {
			return this.value;
		}

		/**
		 * Give the lease up, if held: stop renewing it and delete it if it is still this run's.
		 */
		public void release() {
			if (this.ownership == null) {
				return;
			}
			this.ownership.renewal().cancel(false);
			try {
				ExclusiveLocks.this.redisTemplate.execute(RedisLeases.RELEASE, List.of(this.redisKey), this.ownership.token());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release exclusive lease '" + this.redisKey + "' (it expires on its own): "
						+ ex.getMessage());
			}
		}

		@Override
		public String toString() {
			return String.valueOf(this.redisKey);
		}

	}

}
