package io.taskq.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskPublisher;
import io.taskq.core.TaskQueueDeclarer;
import io.taskq.deadletter.DeadLetter;
import io.taskq.deadletter.RedisDeadLetterStore;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.CeleryResultFormat;
import io.taskq.result.RedisResultStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter store's retention on the real Redis, with a clock the test moves: entries older than the
 * retention go while failures keep arriving, and the keys still expire.
 */
class RedisDeadLetterStoreIntegrationTests {

	private static final Duration RETENTION = Duration.ofDays(7);

	private final JsonMapper json = JsonMapper.builder().build();

	private final LettuceConnectionFactory redisConnectionFactory = started(new LettuceConnectionFactory());

	private final StringRedisTemplate redis = new StringRedisTemplate(this.redisConnectionFactory);

	private final CachingConnectionFactory rabbitConnectionFactory = confirming(new CachingConnectionFactory());

	private final String prefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final MovingClock clock = new MovingClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final RedisDeadLetterStore store = new RedisDeadLetterStore(this.redis, this.json,
			new TaskMessageCodec(this.json),
			new TaskPublisher(this.rabbitConnectionFactory, Duration.ofSeconds(5), false),
			new TaskQueueDeclarer(new RabbitAdmin(this.rabbitConnectionFactory), (queue) -> Map.of()),
			new RedisResultStore(this.redisConnectionFactory, new CeleryResultFormat(this.json), "celery-task-meta-"),
			this.prefix, RETENTION, this.clock);

	@AfterEach
	void cleanUp() {
		this.redis.delete(List.of(this.prefix + "dead-letters", this.prefix + "dead-letters:index"));
		this.rabbitConnectionFactory.destroy();
		this.redisConnectionFactory.destroy();
	}

	@Test
	void entriesOlderThanTheRetentionAreDroppedWhileFailuresKeepArriving() {
		add("old");
		this.clock.advance(Duration.ofDays(4));
		add("middle");
		this.clock.advance(Duration.ofDays(4));
		add("new");

		assertThat(this.store.list(10)).extracting(DeadLetter::taskId).containsExactly("new", "middle");
		assertThat(this.store.get("old")).isEmpty();
		assertThat(this.redis.opsForHash().keys(this.prefix + "dead-letters")).containsOnly("new", "middle");
		assertThat(this.redis.opsForZSet().range(this.prefix + "dead-letters:index", 0, -1))
			.containsOnly("new", "middle");
		assertThat(this.redis.getExpire(this.prefix + "dead-letters")).isBetween(1L, RETENTION.toSeconds());
		assertThat(this.redis.getExpire(this.prefix + "dead-letters:index")).isBetween(1L, RETENTION.toSeconds());
	}

	@Test
	void anEntryOlderThanTheRetentionIsNotListedBeforeTheNextFailureTrimsIt() {
		add("old");
		this.clock.advance(Duration.ofDays(4));
		add("middle");
		this.clock.advance(Duration.ofDays(4));

		assertThat(this.store.list(10)).extracting(DeadLetter::taskId).containsExactly("middle");
		assertThat(this.store.get("old")).isEmpty();
		assertThat(this.store.get("middle")).isPresent();
		assertThat(this.store.redrive("old")).isFalse();
	}

	private void add(String taskId) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setCorrelationId(taskId);
		this.store.add(new DeadLetter(taskId, "dead.task", "dead-queue", 3, "java.io.IOException", "failed", null,
				this.clock.instant()), new Message("[[], {}, {}]".getBytes(), properties));
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static CachingConnectionFactory confirming(CachingConnectionFactory factory) {
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		return factory;
	}

	/**
	 * A clock the test moves forward.
	 */
	static final class MovingClock extends Clock {

		private volatile Instant now;

		MovingClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
