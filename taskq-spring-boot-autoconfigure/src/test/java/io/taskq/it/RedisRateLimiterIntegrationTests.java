package io.taskq.it;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.ratelimit.RateLimit;
import io.taskq.ratelimit.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limiter's timing on the real Redis: slots one interval apart, reserved slots honoured once, keys expire.
 */
class RedisRateLimiterIntegrationTests {

	private final LettuceConnectionFactory connectionFactory = started(new LettuceConnectionFactory());

	private final StringRedisTemplate redis = new StringRedisTemplate(this.connectionFactory);

	private final String prefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final RedisRateLimiter limiter = new RedisRateLimiter(this.redis, this.prefix, Duration.ofMinutes(1));

	private final RateLimit fivePerSecond = RateLimit.parse("5/s");

	@AfterEach
	void cleanUp() {
		this.redis.delete(this.limiter.key("t"));
		this.connectionFactory.destroy();
	}

	@Test
	void firstRunStartsAndLaterOnesGetSuccessiveSlots() {
		assertThat(this.limiter.acquire("t", this.fivePerSecond, "a")).isZero();
		Duration b = this.limiter.acquire("t", this.fivePerSecond, "b");
		Duration c = this.limiter.acquire("t", this.fivePerSecond, "c");
		assertThat(b).isBetween(Duration.ofMillis(150), Duration.ofMillis(200));
		assertThat(c).isBetween(Duration.ofMillis(350), Duration.ofMillis(400));
		assertThat(this.redis.getExpire(this.limiter.key("t"))).isBetween(1L, 61L);
	}

	@Test
	void aMessageBackEarlyWaitsForItsOwnSlotAndOnTimeStartsWithoutTakingAnother() {
		assertThat(this.limiter.acquire("t", this.fivePerSecond, "a")).isZero();
		Duration first = this.limiter.acquire("t", this.fivePerSecond, "b");
		Duration again = this.limiter.acquire("t", this.fivePerSecond, "b");
		assertThat(again).isPositive().isLessThanOrEqualTo(first);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> this.limiter.acquire("t", this.fivePerSecond, "b").isZero());
		// b used its reserved slot; the next message gets the slot after it, not b's.
		assertThat(this.limiter.acquire("t", this.fivePerSecond, "c")).isPositive()
			.isLessThanOrEqualTo(Duration.ofMillis(200));
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
