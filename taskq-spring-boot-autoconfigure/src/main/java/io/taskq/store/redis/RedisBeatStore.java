package io.taskq.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatStore;

/**
 * The schedules of periodic tasks on Redis, under the key prefix:
 * <ul>
 * <li>{@code beat:schedules}: a hash of each schedule's definition (JSON) by name;</li>
 * <li>{@code beat:due}: a sorted set of the schedules that may fire, scored by when to look at each next (epoch
 * milliseconds): its next due tick, or the end of a claim, or a postponed look;</li>
 * <li>{@code beat:state}: a hash of each schedule's state (JSON: {@code lastTick}, {@code lastTaskId},
 * {@code nextDue}) by name;</li>
 * <li>{@code beat:declared}: a set of the names of the schedules declared in code or configuration, so that the
 * start-up synchronisation reads those, not every schedule;</li>
 * <li>{@code beat:history:<name>}: a list of the schedule's latest runs (JSON), newest first, capped.</li>
 * </ul>
 * Every key expires {@code keyExpiry} after it was last written or polled: each poll refreshes the four shared
 * keys, so live schedules never lapse, and a history lapses that long after its last run.
 * <p>
 * {@link #claimDue} is one script: it reads the clock of Redis ({@code TIME}), so every instance decides by the same
 * clock, takes the due schedules and re-scores them to the end of the claim. {@link #advance} is one script that
 * records a schedule's ticks only if its last tick is still the one read (compare-and-set).
 */
public class RedisBeatStore implements BeatStore {

	private static final Log logger = LogFactory.getLog(RedisBeatStore.class);

	private static final RedisScript<List> CLAIM_SCRIPT = new DefaultRedisScript<>("""
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))
			local claimedUntil = now + tonumber(ARGV[2])
			local result = {tostring(now), ''}
			for i = 1, #due, 2 do
			  local name = due[i]
			  local definition = redis.call('HGET', KEYS[1], name)
			  if definition then
			    redis.call('ZADD', KEYS[2], claimedUntil, name)
			    table.insert(result, name)
			    table.insert(result, definition)
			    table.insert(result, redis.call('HGET', KEYS[3], name) or '')
			    table.insert(result, due[i + 1])
			  else
			    redis.call('ZREM', KEYS[2], name)
			    redis.call('HDEL', KEYS[3], name)
			  end
			end
			local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
			if first[2] then result[2] = first[2] end
			for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
			return result
			""", List.class);

	private static final RedisScript<Long> ADVANCE_SCRIPT = new DefaultRedisScript<>("""
			local definition = redis.call('HGET', KEYS[1], ARGV[1])
			if not definition then return 0 end
			local current = redis.call('HGET', KEYS[3], ARGV[1])
			local state = {}
			if current then state = cjson.decode(current) end
			if state['lastTick'] ~= tonumber(ARGV[2]) then return 0 end
			if ARGV[3] ~= '' then state['lastTick'] = tonumber(ARGV[3]) end
			if ARGV[4] ~= '' then state['lastTaskId'] = ARGV[4] end
			state['nextDue'] = tonumber(ARGV[5])
			redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(state))
			if ARGV[5] ~= '' and cjson.decode(definition)['paused'] ~= true then
			  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
			else
			  redis.call('ZREM', KEYS[2], ARGV[1])
			end
			if #ARGV >= 8 then
			  for i = 8, #ARGV do redis.call('LPUSH', KEYS[4], ARGV[i]) end
			  redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[6]) - 1)
			  redis.call('PEXPIRE', KEYS[4], ARGV[7])
			end
			for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
			return 1
			""", Long.class);

	private static final RedisScript<Long> PUT_SCRIPT = new DefaultRedisScript<>("""
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			local current = redis.call('HGET', KEYS[3], ARGV[1])
			local state = {}
			if current then state = cjson.decode(current) end
			state['nextDue'] = tonumber(ARGV[3])
			redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(state))
			if ARGV[3] ~= '' then
			  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			else
			  redis.call('ZREM', KEYS[2], ARGV[1])
			end
			if ARGV[5] == '1' then
			  redis.call('SADD', KEYS[4], ARGV[1])
			else
			  redis.call('SREM', KEYS[4], ARGV[1])
			end
			for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
			return 1
			""", Long.class);

	private static final RedisScript<Long> REMOVE_SCRIPT = new DefaultRedisScript<>("""
			local removed = redis.call('HDEL', KEYS[1], ARGV[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			redis.call('HDEL', KEYS[3], ARGV[1])
			redis.call('DEL', KEYS[4])
			redis.call('SREM', KEYS[5], ARGV[1])
			return removed
			""", Long.class);

	private static final RedisScript<List> READ_SCRIPT = new DefaultRedisScript<>("""
			local time = redis.call('TIME')
			local result = {tostring(tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))}
			local names = ARGV
			if #names == 0 then names = redis.call('HKEYS', KEYS[1]) end
			for _, name in ipairs(names) do
			  local definition = redis.call('HGET', KEYS[1], name)
			  if definition then
			    table.insert(result, name)
			    table.insert(result, definition)
			    table.insert(result, redis.call('HGET', KEYS[2], name) or '')
			  end
			end
			return result
			""", List.class);

	private static final RedisScript<Long> ADD_HISTORY_SCRIPT = new DefaultRedisScript<>("""
			if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
			for i = 4, #ARGV do redis.call('LPUSH', KEYS[2], ARGV[i]) end
			redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			return 1
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final ObjectMapper objectMapper;

	private final BeatScheduleFormat format;

	private final String keyPrefix;

	private final List<String> keys;

	private final String declaredKey;

	private final int historySize;

	private final String keyExpiry;

	/**
	 * Create a store.
	 * @param redisTemplate the Redis template
	 * @param objectMapper writes and reads definitions and their arguments
	 * @param keyPrefix prefix of the store's keys
	 * @param historySize how many runs each schedule's history keeps
	 * @param keyExpiry how long each key lives after it was last written or polled
	 */
	public RedisBeatStore(StringRedisTemplate redisTemplate, ObjectMapper objectMapper, String keyPrefix,
			int historySize, Duration keyExpiry) {
		this.redisTemplate = redisTemplate;
		this.objectMapper = objectMapper;
		this.format = new BeatScheduleFormat(objectMapper);
		this.keyPrefix = keyPrefix;
		this.keys = List.of(keyPrefix + "beat:schedules", keyPrefix + "beat:due", keyPrefix + "beat:state");
		this.declaredKey = keyPrefix + "beat:declared";
		this.historySize = Math.max(1, historySize);
		this.keyExpiry = Long.toString(Math.max(1, keyExpiry.toMillis()));
	}

	@Override
	public List<String> syncDeclared(Collection<BeatSchedule> declared, NextDue nextDue) {
		Map<String, BeatSchedule> wanted = new LinkedHashMap<>();
		declared.forEach((schedule) -> wanted.put(schedule.name(), schedule.toBuilder().declared(true).build()));
		Set<String> names = new LinkedHashSet<>(wanted.keySet());
		Set<String> storedNames = this.redisTemplate.opsForSet().members(this.declaredKey);
		if (storedNames != null) {
			names.addAll(storedNames);
		}
		if (names.isEmpty()) {
			return List.of();
		}
		Snapshot snapshot = read(names.toArray(String[]::new));
		List<String> removed = new ArrayList<>();
		for (Entry stored : snapshot.entries()) {
			BeatSchedule schedule = stored.schedule();
			if (schedule.declared() && !wanted.containsKey(schedule.name()) && remove(schedule.name())) {
				removed.add(schedule.name());
			}
		}
		Map<String, Entry> byName = new LinkedHashMap<>();
		snapshot.entries().forEach((entry) -> byName.put(entry.schedule().name(), entry));
		for (BeatSchedule schedule : wanted.values()) {
			Entry stored = byName.get(schedule.name());
			if (stored == null) {
				put(schedule, nextDue.compute(schedule, null, snapshot.now()));
			}
			else {
				BeatSchedule replacement = schedule.toBuilder().paused(stored.schedule().paused()).build();
				if (!this.format.write(replacement).equals(this.format.write(stored.schedule()))) {
					put(replacement, nextDue.compute(replacement, stored.lastTick(), snapshot.now()));
				}
			}
		}
		return removed;
	}

	@Override
	public void save(BeatSchedule schedule, NextDue nextDue) {
		Snapshot snapshot = read(schedule.name());
		Entry stored = snapshot.entries().isEmpty() ? null : snapshot.entries().get(0);
		put(schedule, nextDue.compute(schedule, (stored != null) ? stored.lastTick() : null, snapshot.now()));
	}

	private void put(BeatSchedule schedule, @Nullable Instant nextDue) {
		this.redisTemplate.execute(PUT_SCRIPT, withDeclared(this.keys), schedule.name(),
				this.format.write(schedule).toString(), millis(nextDue), this.keyExpiry, schedule.declared() ? "1" : "0");
	}

	@Override
	public boolean remove(String name) {
		Long removed = this.redisTemplate.execute(REMOVE_SCRIPT, withDeclared(withHistory(name)), name);
		return removed != null && removed == 1L;
	}

	@Override
	public @Nullable Entry get(String name) {
		List<Entry> entries = read(name).entries();
		return entries.isEmpty() ? null : entries.get(0);
	}

	@Override
	public List<Entry> list() {
		return read().entries();
	}

	@Override
	public Poll claimDue(int max, Duration claim) {
		List<?> flat = this.redisTemplate.execute(CLAIM_SCRIPT, withDeclared(this.keys), Integer.toString(Math.max(1, max)),
				Long.toString(Math.max(1, claim.toMillis())), this.keyExpiry);
		Instant now = Instant.ofEpochMilli(Long.parseLong(String.valueOf(flat.get(0))));
		String earliest = String.valueOf(flat.get(1));
		List<Entry> claimed = new ArrayList<>();
		for (int i = 2; i + 3 < flat.size(); i += 4) {
			String name = String.valueOf(flat.get(i));
			Entry entry = entry(name, String.valueOf(flat.get(i + 1)), String.valueOf(flat.get(i + 2)));
			if (entry != null) {
				claimed.add((entry.nextDue() != null) ? entry : new Entry(entry.schedule(),
						instant(String.valueOf(flat.get(i + 3))), entry.lastTick(), entry.lastTaskId()));
			}
			else {
				this.redisTemplate.opsForZSet().remove(this.keys.get(1), name);
			}
		}
		return new Poll(now, claimed, earliest.isEmpty() ? null : instant(earliest));
	}

	@Override
	public boolean advance(String name, @Nullable Instant expectedLastTick, @Nullable Instant lastTick,
			@Nullable String lastTaskId, @Nullable Instant nextDue, List<BeatRun> runs) {
		List<String> args = new ArrayList<>(List.of(name, millis(expectedLastTick), millis(lastTick),
				(lastTaskId != null) ? lastTaskId : "", millis(nextDue), Integer.toString(this.historySize),
				this.keyExpiry));
		runs.forEach((run) -> args.add(this.format.write(run)));
		Long advanced = this.redisTemplate.execute(ADVANCE_SCRIPT, withHistory(name), args.toArray());
		return advanced != null && advanced == 1L;
	}

	@Override
	public void postpone(String name, Instant lookAt) {
		this.redisTemplate.execute(RedisScripts.POSTPONE, List.of(this.keys.get(1)), name, millis(lookAt));
	}

	@Override
	public void addHistory(String name, List<BeatRun> runs) {
		if (runs.isEmpty()) {
			return;
		}
		List<String> args = new ArrayList<>(List.of(name, Integer.toString(this.historySize), this.keyExpiry));
		runs.forEach((run) -> args.add(this.format.write(run)));
		this.redisTemplate.execute(ADD_HISTORY_SCRIPT, List.of(this.keys.get(0), historyKey(name)), args.toArray());
	}

	@Override
	public List<BeatRun> history(String name, int limit) {
		List<String> runs = this.redisTemplate.opsForList().range(historyKey(name), 0, Math.max(1, limit) - 1);
		return (runs != null) ? runs.stream().map(this.format::readRun).toList() : List.of();
	}

	private Snapshot read(String... names) {
		List<?> flat = this.redisTemplate.execute(READ_SCRIPT, List.of(this.keys.get(0), this.keys.get(2)),
				(Object[]) names);
		Instant now = Instant.ofEpochMilli(Long.parseLong(String.valueOf(flat.get(0))));
		List<Entry> entries = new ArrayList<>();
		for (int i = 1; i + 2 < flat.size(); i += 3) {
			Entry entry = entry(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)),
					String.valueOf(flat.get(i + 2)));
			if (entry != null) {
				entries.add(entry);
			}
		}
		return new Snapshot(now, entries);
	}

	/**
	 * A stored schedule with its state, or {@code null} (logged) if its definition cannot be read: one bad
	 * definition must not stop the others.
	 */
	private @Nullable Entry entry(String name, String definition, String state) {
		BeatSchedule schedule;
		try {
			schedule = this.format.read(definition);
		}
		catch (IllegalArgumentException ex) {
			logger.error("Schedule '" + name + "' in " + this.keys.get(0) + " cannot be read, left out: "
					+ ex.getMessage());
			return null;
		}
		if (state.isEmpty()) {
			return new Entry(schedule, null, null, null);
		}
		JsonNode node = this.objectMapper.readTree(state);
		Instant nextDue = schedule.paused() ? null : instant(node.get("nextDue"));
		return new Entry(schedule, nextDue, instant(node.get("lastTick")),
				node.hasNonNull("lastTaskId") ? node.get("lastTaskId").asString() : null);
	}

	private List<String> withDeclared(List<String> keys) {
		List<String> withDeclared = new ArrayList<>(keys);
		withDeclared.add(this.declaredKey);
		return withDeclared;
	}

	private List<String> withHistory(String name) {
		List<String> keys = new ArrayList<>(this.keys);
		keys.add(historyKey(name));
		return keys;
	}

	private String historyKey(String name) {
		return this.keyPrefix + "beat:history:" + name;
	}

	private static String millis(@Nullable Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : "";
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli((long) Double.parseDouble(millis));
	}

	private static @Nullable Instant instant(@Nullable JsonNode millis) {
		return (millis != null && millis.isNumber()) ? Instant.ofEpochMilli(millis.asLong()) : null;
	}

	private record Snapshot(Instant now, List<Entry> entries) {
	}

}
