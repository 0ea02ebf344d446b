package io.taskq.revoke;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.result.ResultStore;
import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

/**
 * Revocations, persisted in Redis so that every worker honours them, including workers started later: one key
 * {@code <prefix>revoked:<id>} per revoked task, kept as long as results are. Revoking also stores REVOKED at
 * once (as Celery 5.6.2 does; a SUCCESS is sticky) and publishes the revocation on the
 * {@code <prefix>revocations} channel, where workers listen for tasks to terminate.
 */
public class RevocationStore {

	private static final Log logger = LogFactory.getLog(RevocationStore.class);

	private static final RedisScript<Long> REVOKE_SCRIPT = new DefaultRedisScript<>("""
			redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
			return redis.call('PUBLISH', KEYS[2], ARGV[3])
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ResultStore resultStore;

	private final String keyPrefix;

	private final String channel;

	private final Duration expires;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis template
	 * @param resultStore where REVOKED is stored
	 * @param keyPrefix prefix of the revocation keys and channel, for example {@code taskq:}
	 * @param expires how long revocations and the REVOKED states are kept
	 */
	public RevocationStore(StringRedisTemplate redisTemplate, ResultStore resultStore, String keyPrefix,
			Duration expires) {
		this.redisTemplate = redisTemplate;
		this.resultStore = resultStore;
		this.keyPrefix = keyPrefix + "revoked:";
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

	/**
	 * Revoke a task: workers that meet its message do not run it, and with {@code terminate} a worker running it
	 * interrupts it.
	 * @param taskId the task id
	 * @param terminate whether to interrupt the task if it is running
	 */
	public void revoke(String taskId, boolean terminate) {
		Revocation revocation = new Revocation(taskId, terminate);
		this.redisTemplate.execute(REVOKE_SCRIPT, List.of(this.keyPrefix + taskId, this.channel),
				Boolean.toString(terminate), Long.toString(Math.max(1, this.expires.toSeconds())),
				revocation.encode());
		this.resultStore.store(new TaskResult(taskId, TaskState.REVOKED, error("revoked"), null, null,
				OffsetDateTime.now(ZoneOffset.UTC), null, null, null), this.expires);
		logger.info("Revoked task " + taskId + (terminate ? " (terminate)" : ""));
	}

	/**
	 * Whether a task is revoked: one {@code EXISTS}. Fails open: if Redis cannot answer, the task counts as not
	 * revoked (a warning is logged), so an outage of Redis does not stop task messages.
	 * @param taskId the task id
	 * @return whether it is revoked
	 */
	public boolean isRevoked(String taskId) {
		try {
			return Boolean.TRUE.equals(this.redisTemplate.hasKey(this.keyPrefix + taskId));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check whether task " + taskId + " is revoked (" + ex.getMessage()
					+ "); running it");
			return false;
		}
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
