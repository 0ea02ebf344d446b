package io.taskq.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.protocol.WireMessage;
import io.taskq.store.TaskSchedule;


/**
 * The durable schedule of delayed task messages, in Redis: a sorted set of entry ids scored by due time, and a
 * hash of the messages themselves (queue, AMQP properties and headers, body). Nothing delayed is held in a
 * worker's memory.
 * <p>
 * {@link #claimDue} atomically takes due entries and leases them by moving their score into the future; once
 * the claimer has published them, {@link #complete} removes them. A claimer that dies in between loses its
 * lease, and the entries fall due again for any other claimer: nothing is lost, and at worst a message is
 * published twice (task delivery is at-least-once anyway). Any number of claimers can run at once.
 */
public class RedisTaskSchedule implements TaskSchedule {

	private static final RedisScript<List> CLAIM_SCRIPT = new DefaultRedisScript<>("""
			local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
			local claimed = {}
			for _, member in ipairs(due) do
			  local payload = redis.call('HGET', KEYS[2], member)
			  if payload then
			    redis.call('ZADD', KEYS[1], ARGV[2], member)
			    table.insert(claimed, member)
			    table.insert(claimed, payload)
			  else
			    redis.call('ZREM', KEYS[1], member)
			  end
			end
			return claimed
			""", List.class);

	private static final RedisScript<Long> ADD_SCRIPT = new DefaultRedisScript<>("""
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
			redis.call('EXPIRE', KEYS[1], ARGV[4], 'GT')
			redis.call('EXPIRE', KEYS[2], ARGV[4], 'GT')
			if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
			if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
			return 1
			""", Long.class);

	private static final RedisScript<Long> COMPLETE_SCRIPT = new DefaultRedisScript<>("""
			redis.call('ZREM', KEYS[1], unpack(ARGV))
			return redis.call('HDEL', KEYS[2], unpack(ARGV))
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ObjectMapper objectMapper;

	private final String scheduleKey;

	private final String entriesKey;

	private final Duration retention;

	private final StoredMessageFormat format;

	/**
	 * Create a schedule.
	 * @param redisTemplate the Redis template
	 * @param objectMapper writes and reads stored messages
	 * @param keyPrefix prefix of the schedule's two keys
	 * @param retention how long the keys live past the latest due time (every key taskq writes expires)
	 */
	public RedisTaskSchedule(StringRedisTemplate redisTemplate, ObjectMapper objectMapper, String keyPrefix,
			Duration retention) {
		this.redisTemplate = redisTemplate;
		this.objectMapper = objectMapper;
		this.scheduleKey = keyPrefix + "schedule";
		this.entriesKey = keyPrefix + "schedule:messages";
		this.retention = retention;
		this.format = new StoredMessageFormat(objectMapper);
	}

	@Override
	public String schedule(String queue, WireMessage message, Instant due, String taskId) {
		String entryId = taskId + "|" + UUID.randomUUID();
		long ttl = Math.max(0, Duration.between(Instant.now(), due).toSeconds()) + this.retention.toSeconds();
		this.redisTemplate.execute(ADD_SCRIPT, List.of(this.scheduleKey, this.entriesKey), entryId,
				write(queue, message), Long.toString(due.toEpochMilli()), Long.toString(ttl));
		return entryId;
	}

	@Override
	public List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
		List<?> flat = this.redisTemplate.execute(CLAIM_SCRIPT, List.of(this.scheduleKey, this.entriesKey),
				Long.toString(now.toEpochMilli()), Long.toString(leaseUntil.toEpochMilli()), Integer.toString(limit));
		List<ScheduledMessage> claimed = new ArrayList<>();
		if (flat != null) {
			for (int i = 0; i + 1 < flat.size(); i += 2) {
				claimed.add(read(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1))));
			}
		}
		return claimed;
	}

	@Override
	public boolean postpone(String entryId, Instant due) {
		Long updated = this.redisTemplate.execute(RedisScripts.POSTPONE, List.of(this.scheduleKey), entryId,
				Long.toString(due.toEpochMilli()));
		return updated != null && updated == 1L;
	}

	@Override
	public void complete(List<String> entryIds) {
		if (entryIds.isEmpty()) {
			return;
		}
		// One script, so that no message is left behind in the hash without its entry (a worker dying between
		// two separate commands would leave one, and every new entry pushes the hash's expiry further out).
		this.redisTemplate.execute(COMPLETE_SCRIPT, List.of(this.scheduleKey, this.entriesKey), entryIds.toArray());
	}

	@Override
	public long size() {
		Long size = this.redisTemplate.opsForZSet().zCard(this.scheduleKey);
		return (size != null) ? size : 0;
	}

	@Override
	public @Nullable Instant nextDue() {
		var first = this.redisTemplate.opsForZSet().rangeWithScores(this.scheduleKey, 0, 0);
		if (first == null || first.isEmpty()) {
			return null;
		}
		Double score = first.iterator().next().getScore();
		return (score != null) ? Instant.ofEpochMilli(score.longValue()) : null;
	}

	private String write(String queue, WireMessage message) {
		return this.format.write(queue, message).toString();
	}

	private ScheduledMessage read(String entryId, String json) {
		JsonNode entry = this.objectMapper.readTree(json);
		return new ScheduledMessage(entryId, entryId.substring(0, entryId.lastIndexOf('|')), this.format.queue(entry),
				this.format.read(entry));
	}

}
