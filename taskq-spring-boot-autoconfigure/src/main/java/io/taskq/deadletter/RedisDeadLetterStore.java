package io.taskq.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.core.TaskPublisher;
import io.taskq.core.TaskQueueDeclarer;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.ResultStore;
import io.taskq.schedule.StoredMessageFormat;

/**
 * {@link DeadLetterOperations} on Redis: a hash of entries (the failure and the message) by task id and a
 * sorted set indexing them by failure time, both expiring {@code retention} after the latest failure.
 */
public class RedisDeadLetterStore implements DeadLetterOperations {

	private static final RedisScript<Long> ADD_SCRIPT = new DefaultRedisScript<>("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			redis.call('EXPIRE', KEYS[1], ARGV[4])
			redis.call('EXPIRE', KEYS[2], ARGV[4])
			return 1
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ObjectMapper objectMapper;

	private final StoredMessageFormat format;

	private final TaskMessageCodec codec;

	private final TaskPublisher publisher;

	private final TaskQueueDeclarer queueDeclarer;

	private final ResultStore resultStore;

	private final String entriesKey;

	private final String indexKey;

	private final Duration retention;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis template
	 * @param objectMapper writes and reads entries
	 * @param codec decodes and re-encodes messages when re-driving
	 * @param publisher publishes re-driven messages with confirms
	 * @param queueDeclarer declares their queues
	 * @param resultStore forgets the failure of a re-driven task
	 * @param keyPrefix prefix of the store's keys
	 * @param retention how long entries are kept after the latest failure
	 */
	public RedisDeadLetterStore(StringRedisTemplate redisTemplate, ObjectMapper objectMapper, TaskMessageCodec codec,
			TaskPublisher publisher, TaskQueueDeclarer queueDeclarer, ResultStore resultStore, String keyPrefix,
			Duration retention) {
		this.redisTemplate = redisTemplate;
		this.objectMapper = objectMapper;
		this.format = new StoredMessageFormat(objectMapper);
		this.codec = codec;
		this.publisher = publisher;
		this.queueDeclarer = queueDeclarer;
		this.resultStore = resultStore;
		this.entriesKey = keyPrefix + "dead-letters";
		this.indexKey = keyPrefix + "dead-letters:index";
		this.retention = retention;
	}

	/**
	 * Keep a failed task.
	 * @param deadLetter the failure
	 * @param message the task's message, as it was consumed
	 */
	public void add(DeadLetter deadLetter, Message message) {
		ObjectNode entry = this.objectMapper.createObjectNode();
		entry.set("failure", this.objectMapper.valueToTree(deadLetter));
		entry.set("message", this.format.write(deadLetter.queue(), message));
		this.redisTemplate.execute(ADD_SCRIPT, List.of(this.entriesKey, this.indexKey), deadLetter.taskId(),
				entry.toString(), Long.toString(deadLetter.failedAt().toEpochMilli()),
				Long.toString(this.retention.toSeconds()));
	}

	@Override
	public List<DeadLetter> list(int limit) {
		Set<String> ids = this.redisTemplate.opsForZSet().reverseRange(this.indexKey, 0, limit - 1);
		List<DeadLetter> deadLetters = new ArrayList<>();
		if (ids == null || ids.isEmpty()) {
			return deadLetters;
		}
		List<Object> entries = this.redisTemplate.opsForHash().multiGet(this.entriesKey, new ArrayList<>(ids));
		for (Object entry : entries) {
			if (entry != null) {
				deadLetters.add(failure(this.objectMapper.readTree(entry.toString())));
			}
		}
		return deadLetters;
	}

	@Override
	public Optional<DeadLetter> get(String taskId) {
		JsonNode entry = entry(taskId);
		return (entry != null) ? Optional.of(failure(entry)) : Optional.empty();
	}

	@Override
	public boolean redrive(String taskId) {
		JsonNode entry = entry(taskId);
		if (entry == null) {
			return false;
		}
		JsonNode stored = entry.get("message");
		String queue = this.format.queue(stored);
		TaskMessage message = this.codec.decode(this.format.read(stored)).toBuilder().retries(0).eta(null).build();
		// Forget the old FAILURE first, so that waiters see the new run's outcome, not the stale one.
		this.resultStore.delete(taskId);
		this.queueDeclarer.declare(queue);
		this.publisher.publish(taskId, queue, this.codec.encode(message));
		return delete(taskId);
	}

	@Override
	public int redriveAll() {
		int redriven = 0;
		List<DeadLetter> batch;
		while (!(batch = list(100)).isEmpty()) {
			for (DeadLetter deadLetter : batch) {
				if (redrive(deadLetter.taskId())) {
					redriven++;
				}
			}
		}
		return redriven;
	}

	@Override
	public boolean delete(String taskId) {
		this.redisTemplate.opsForZSet().remove(this.indexKey, taskId);
		Long removed = this.redisTemplate.opsForHash().delete(this.entriesKey, taskId);
		return removed != null && removed > 0;
	}

	private @Nullable JsonNode entry(String taskId) {
		Object entry = this.redisTemplate.opsForHash().get(this.entriesKey, taskId);
		return (entry != null) ? this.objectMapper.readTree(entry.toString()) : null;
	}

	private DeadLetter failure(JsonNode entry) {
		return this.objectMapper.convertValue(entry.get("failure"), DeadLetter.class);
	}

}
