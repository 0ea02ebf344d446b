package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.protocol.WireMessage;
import io.taskq.store.FailedTask;
import io.taskq.store.fake.MutableClock;
import io.taskq.store.redis.RedisFailedTaskStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter store's retention on the real Redis, with a clock the test moves: entries older than the
 * retention go while failures keep arriving, and the keys still expire.
 */
class RedisFailedTaskStoreIntegrationTests {

	private static final Duration RETENTION = Duration.ofDays(7);

	private final JsonMapper json = JsonMapper.builder().build();

	private final LettuceConnectionFactory redisConnectionFactory = started(new LettuceConnectionFactory());

	private final StringRedisTemplate redis = new StringRedisTemplate(this.redisConnectionFactory);


	private final String prefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final RedisFailedTaskStore store = new RedisFailedTaskStore(this.redis, this.json, this.prefix, RETENTION,
			this.clock);

	@AfterEach
	void cleanUp() {
		this.redis.delete(List.of(this.prefix + "failed-tasks", this.prefix + "failed-tasks:index"));
		this.redisConnectionFactory.destroy();
	}

	@Test
	void entriesOlderThanTheRetentionAreDroppedWhileFailuresKeepArriving() {
		add("old");
		this.clock.advance(Duration.ofDays(4));
		add("middle");
		this.clock.advance(Duration.ofDays(4));
		add("new");

		assertThat(this.store.list(10)).extracting(FailedTask::taskId).containsExactly("new", "middle");
		assertThat(this.store.get("old")).isEmpty();
		assertThat(this.redis.opsForHash().keys(this.prefix + "failed-tasks")).containsOnly("new", "middle");
		assertThat(this.redis.opsForZSet().range(this.prefix + "failed-tasks:index", 0, -1))
			.containsOnly("new", "middle");
		assertThat(this.redis.getExpire(this.prefix + "failed-tasks")).isBetween(1L, RETENTION.toSeconds());
		assertThat(this.redis.getExpire(this.prefix + "failed-tasks:index")).isBetween(1L, RETENTION.toSeconds());
	}

	@Test
	void anEntryOlderThanTheRetentionIsNotListedBeforeTheNextFailureTrimsIt() {
		add("old");
		this.clock.advance(Duration.ofDays(4));
		add("middle");
		this.clock.advance(Duration.ofDays(4));

		assertThat(this.store.list(10)).extracting(FailedTask::taskId).containsExactly("middle");
		assertThat(this.store.get("old")).isEmpty();
		assertThat(this.store.get("middle")).isPresent();
		assertThat(this.store.message("old")).isEmpty();
		assertThat(this.store.message("middle")).isPresent();
	}

	private void add(String taskId) {
		this.store.add(new FailedTask(taskId, "dead.task", "dead-queue", 3, "java.io.IOException", "failed", null,
				this.clock.instant()), new WireMessage("[[], {}, {}]".getBytes(), Map.of(), "application/json", null, null,
						taskId, null, null));
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
