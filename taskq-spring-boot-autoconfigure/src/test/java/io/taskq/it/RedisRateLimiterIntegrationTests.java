package io.taskq.it;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.store.redis.RedisRateLimiter;
import io.taskq.worker.RateLimit;

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

	// Slots 2 s apart: the margins hold while a loaded machine stalls this thread between two calls.
	private final RateLimit everyTwoSeconds = RateLimit.parse("30/m");

	private final Duration interval = Duration.ofSeconds(2);

	@AfterEach
	void cleanUp() {
		this.redis.delete(this.limiter.key("t"));
		this.connectionFactory.destroy();
	}

	@Test
	void firstRunStartsAndLaterOnesGetSuccessiveSlots() {
		long before = System.nanoTime();
		assertThat(this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "a")).isZero();
		Duration b = this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "b");
		Duration c = this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "c");
		// Each wait is its slot less the time passed since a's; that is at most what passed around the three calls.
		Duration elapsed = Duration.ofNanos(System.nanoTime() - before);
		assertThat(b).isBetween(this.interval.minus(elapsed), this.interval);
		assertThat(c).isBetween(this.interval.multipliedBy(2).minus(elapsed), this.interval.multipliedBy(2));
		assertThat(this.redis.getExpire(this.limiter.key("t"))).isBetween(1L, 66L);
	}

	@Test
	void aMessageBackEarlyWaitsForItsOwnSlotAndOnTimeStartsWithoutTakingAnother() {
		assertThat(this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "a")).isZero();
		Duration first = this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "b");
		Duration again = this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "b");
		assertThat(again).isPositive().isLessThanOrEqualTo(first);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "b").isZero());
		// b used its reserved slot; the next message gets the slot after it, not b's.
		assertThat(this.limiter.acquire("t", this.everyTwoSeconds.intervalMicros(), "c")).isPositive()
			.isLessThanOrEqualTo(this.interval);
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
