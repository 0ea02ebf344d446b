package io.taskq.store.redis;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;

/**
 * Revocations, persisted in Redis so that every worker honours them, including workers started later: one
 * sorted set {@code <prefix>revoked} of revoked task ids scored by when their revocation lapses (as long as
 * results are kept); workers load it into memory and keep it current from the channel, so checking a task costs
 * no round trip. Revoking also stores REVOKED at once (as Celery 5.6.2 does; a SUCCESS is sticky) and publishes
 * the revocation on the {@code <prefix>revocations} channel, where workers listen for tasks to terminate.
 */
public class RedisRevocationStore implements RevocationStore {

	private static final Log logger = LogFactory.getLog(RedisRevocationStore.class);

	private static final RedisScript<Long> REVOKE_SCRIPT = new DefaultRedisScript<>("""
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
			redis.call('EXPIRE', KEYS[1], ARGV[4], 'GT')
			if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
			return redis.call('PUBLISH', KEYS[2], ARGV[5])
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ResultStore resultStore;

	private final String key;

	private final String channel;

	private final Duration expires;

	/** Revocations known here, from full syncs and from notifications. */
	private final KnownRevocations known = new KnownRevocations();

	private volatile long syncedAtNanos;

	private volatile Duration maxStaleness = Duration.ZERO;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis template
	 * @param resultStore where REVOKED is stored
	 * @param keyPrefix prefix of the revocation keys and channel, for example {@code taskq:}
	 * @param expires how long revocations and the REVOKED states are kept
	 */
	public RedisRevocationStore(StringRedisTemplate redisTemplate, ResultStore resultStore, String keyPrefix,
			Duration expires) {
		this.redisTemplate = redisTemplate;
		this.resultStore = resultStore;
		this.key = keyPrefix + "revoked";
		this.channel = keyPrefix + "revocations";
		this.expires = expires;
	}

	/**
	 * The pub/sub channel revocations are published on, as {@link Revocation#encode() encoded} text.
	 * @return the channel name
	 */
	public String getChannel() {
		return this.channel;
	}

	@Override
	public void revoke(String taskId, boolean terminate) {
		Revocation revocation = new Revocation(taskId, terminate);
		long now = System.currentTimeMillis();
		long lapsesAt = now + this.expires.toMillis();
		this.known.add(taskId, lapsesAt);
		this.redisTemplate.execute(REVOKE_SCRIPT, List.of(this.key, this.channel), Long.toString(lapsesAt), taskId,
				Long.toString(now), Long.toString(Math.max(1, this.expires.toSeconds())), revocation.encode());
		this.resultStore.store(new TaskResult(taskId, TaskState.REVOKED, error("revoked"), null, null,
				OffsetDateTime.now(ZoneOffset.UTC), null, null, null), this.expires);
		logger.info("Revoked task " + taskId + (terminate ? " (terminate)" : ""));
	}

	/**
	 * Whether a task is revoked: from memory while a recent {@link #sync} holds, else one {@code ZSCORE}. Fails
	 * open: if Redis cannot answer, the task counts as not revoked (a warning is logged), so an outage of Redis
	 * does not stop task messages.
	 * @param taskId the task id
	 * @return whether it is revoked
	 */
	@Override
	public boolean isRevoked(String taskId) {
		if (System.nanoTime() - this.syncedAtNanos < this.maxStaleness.toNanos()) {
			return this.known.contains(taskId, System.currentTimeMillis());
		}
		try {
			Double expiry = this.redisTemplate.opsForZSet().score(this.key, taskId);
			return expiry != null && expiry > System.currentTimeMillis();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check whether task " + taskId + " is revoked (" + ex.getMessage()
					+ "); running it");
			return false;
		}
	}

	/**
	 * Load every revoked task id from Redis, so that {@link #isRevoked} answers from memory (with
	 * {@link #noteRevoked notifications} keeping it current) until the sync is older than {@code maxStaleness};
	 * after that it asks Redis again for each task. The ids read are added to those known, which are forgotten
	 * only when their revocation lapses, so a notification that comes in during the sync is not lost.
	 * @param maxStaleness how long a sync stays good
	 */
	public void sync(Duration maxStaleness) {
		long now = System.currentTimeMillis();
		Set<TypedTuple<String>> revoked = this.redisTemplate.opsForZSet()
			.rangeByScoreWithScores(this.key, now, Double.POSITIVE_INFINITY);
		Map<String, Long> read = new HashMap<>();
		if (revoked != null) {
			for (TypedTuple<String> revocation : revoked) {
				if (revocation.getValue() != null && revocation.getScore() != null) {
					read.put(revocation.getValue(), revocation.getScore().longValue());
				}
			}
		}
		this.known.merge(read, now);
		this.maxStaleness = maxStaleness;
		this.syncedAtNanos = System.nanoTime();
	}

	/**
	 * Remember a revocation announced on the channel, for as long as revocations are kept.
	 * @param taskId the revoked task's id
	 */
	public void noteRevoked(String taskId) {
		this.known.add(taskId, System.currentTimeMillis() + this.expires.toMillis());
	}

	/**
	 * Celery's {@code TaskRevokedError(reason)} in the result format.
	 * @param reason {@code revoked}, {@code terminated} or {@code expired}
	 * @return the exception object
	 */
	public static ObjectNode error(String reason) {
		return TaskErrors.of("TaskRevokedError", "celery.exceptions", reason);
	}

	/**
	 * A revocation as published on the channel.
	 *
	 * @param taskId the task id
	 * @param terminate whether a running task is interrupted
	 */
	public record Revocation(String taskId, boolean terminate) {

		/**
		 * The channel text: {@code terminate <id>} or {@code revoke <id>}.
		 * @return the text
		 */
		public String encode() {
			return (this.terminate ? "terminate " : "revoke ") + this.taskId;
		}

		/**
		 * Read channel text.
		 * @param text the text
		 * @return the revocation
		 * @throws IllegalArgumentException if the text is not a revocation
		 */
		public static Revocation decode(String text) {
			int space = text.indexOf(' ');
			String verb = (space > 0) ? text.substring(0, space) : "";
			String taskId = text.substring(space + 1);
			if (!(verb.equals("terminate") || verb.equals("revoke")) || taskId.isBlank()) {
				throw new IllegalArgumentException("Not a revocation: '" + text + "'");
			}
			return new Revocation(taskId, verb.equals("terminate"));
		}

	}

}
