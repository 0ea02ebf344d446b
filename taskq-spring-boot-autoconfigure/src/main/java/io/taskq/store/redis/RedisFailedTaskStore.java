package io.taskq.store.redis;

import java.time.Clock;
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

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.protocol.WireMessage;
import io.taskq.store.FailedTask;
import io.taskq.store.FailedTaskStore;


/**
 * The failed-task store on Redis: a hash of entries (the failure and the message) by task id and a
 * sorted set indexing them by failure time. Each entry is kept for {@code retention} after its failure: reads
 * skip older entries, each new failure removes them, and both keys expire {@code retention} after the latest
 * failure.
 */
public class RedisFailedTaskStore implements FailedTaskStore {

	// Entries failed before ARGV[5] are removed from both keys; HDEL in batches, as unpack has a size limit.
	private static final RedisScript<Long> ADD_SCRIPT = new DefaultRedisScript<>("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
			for i = 1, #expired, 1000 do
				redis.call('HDEL', KEYS[1], unpack(expired, i, math.min(i + 999, #expired)))
			end
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
			redis.call('EXPIRE', KEYS[1], ARGV[4])
			redis.call('EXPIRE', KEYS[2], ARGV[4])
			return #expired
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ObjectMapper objectMapper;

	private final StoredMessageFormat format;

	private final String entriesKey;

	private final String indexKey;

	private final Duration retention;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis template
	 * @param objectMapper writes and reads entries
	 * @param keyPrefix prefix of the store's keys
	 * @param retention how long each entry is kept after its failure
	 * @param clock tells which entries are older than the retention
	 */
	public RedisFailedTaskStore(StringRedisTemplate redisTemplate, ObjectMapper objectMapper, String keyPrefix,
			Duration retention, Clock clock) {
		this.redisTemplate = redisTemplate;
		this.objectMapper = objectMapper;
		this.format = new StoredMessageFormat(objectMapper);
		this.entriesKey = keyPrefix + "failed-tasks";
		this.indexKey = keyPrefix + "failed-tasks:index";
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public void add(FailedTask failure, WireMessage message) {
		ObjectNode entry = this.objectMapper.createObjectNode();
		entry.set("failure", this.objectMapper.valueToTree(failure));
		entry.set("message", this.format.write(failure.queue(), message));
		this.redisTemplate.execute(ADD_SCRIPT, List.of(this.entriesKey, this.indexKey), failure.taskId(),
				entry.toString(), Long.toString(failure.failedAt().toEpochMilli()),
				Long.toString(this.retention.toSeconds()), Long.toString(keptSince().toEpochMilli()));
	}

	@Override
	public List<FailedTask> list(int limit) {
		Set<String> ids = this.redisTemplate.opsForZSet()
			.reverseRangeByScore(this.indexKey, keptSince().toEpochMilli(), Double.POSITIVE_INFINITY, 0, limit);
		List<FailedTask> failures = new ArrayList<>();
		if (ids == null || ids.isEmpty()) {
			return failures;
		}
		List<Object> entries = this.redisTemplate.opsForHash().multiGet(this.entriesKey, new ArrayList<>(ids));
		for (Object entry : entries) {
			if (entry != null) {
				failures.add(failure(this.objectMapper.readTree(entry.toString())));
			}
		}
		return failures;
	}

	@Override
	public Optional<FailedTask> get(String taskId) {
		JsonNode entry = entry(taskId);
		return (entry != null) ? Optional.of(failure(entry)) : Optional.empty();
	}

	@Override
	public Optional<WireMessage> message(String taskId) {
		JsonNode entry = entry(taskId);
		return (entry != null) ? Optional.of(this.format.read(entry.get("message"))) : Optional.empty();
	}

	@Override
	public boolean delete(String taskId) {
		this.redisTemplate.opsForZSet().remove(this.indexKey, taskId);
		Long removed = this.redisTemplate.opsForHash().delete(this.entriesKey, taskId);
		return removed != null && removed > 0;
	}

	private @Nullable JsonNode entry(String taskId) {
		Object stored = this.redisTemplate.opsForHash().get(this.entriesKey, taskId);
		if (stored == null) {
			return null;
		}
		JsonNode entry = this.objectMapper.readTree(stored.toString());
		return failure(entry).failedAt().isBefore(keptSince()) ? null : entry;
	}

	/**
	 * The failure time of the oldest entry still kept.
	 */
	private Instant keptSince() {
		return this.clock.instant().minus(this.retention);
	}

	private FailedTask failure(JsonNode entry) {
		return this.objectMapper.convertValue(entry.get("failure"), FailedTask.class);
	}

}
