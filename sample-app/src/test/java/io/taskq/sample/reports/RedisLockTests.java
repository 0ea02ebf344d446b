package io.taskq.sample.reports;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisLock} against the real Redis on localhost.
 */
class RedisLockTests {

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private RedisLock lock;

	private String key;

	@BeforeEach
	void connect() {
		this.connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.lock = new RedisLock(this.redis);
		this.key = "sample-test-lock:" + UUID.randomUUID();
	}

	@AfterEach
	void disconnect() {
		this.redis.delete(this.key);
		this.connectionFactory.destroy();
	}

	@Test
	void onlyOneHolderAtATime() {
		RedisLock.Lease first = this.lock.tryAcquire(this.key, Duration.ofSeconds(10));
		assertThat(first).isNotNull();
		assertThat(first.isHeld()).isTrue();
		assertThat(this.lock.tryAcquire(this.key, Duration.ofSeconds(10))).isNull();
		assertThat(first.release()).isTrue();
		assertThat(first.isHeld()).isFalse();
		assertThat(this.lock.tryAcquire(this.key, Duration.ofSeconds(10))).isNotNull();
	}

	@Test
	void leaseEndsOnItsOwnAndTheOldHolderCannotReleaseTheNewOne() {
		RedisLock.Lease expiring = this.lock.tryAcquire(this.key, Duration.ofMillis(200));
		assertThat(expiring).isNotNull();
		RedisLock.Lease[] next = new RedisLock.Lease[1];
		await().atMost(Duration.ofSeconds(5))
			.until(() -> (next[0] = this.lock.tryAcquire(this.key, Duration.ofSeconds(10))) != null);
		assertThat(expiring.isHeld()).isFalse();
		assertThat(expiring.release()).isFalse();
		assertThat(next[0].isHeld()).isTrue();
	}

	@Test
	void acquireWaitsForTheHolderToRelease() throws Exception {
		RedisLock.Lease held = this.lock.tryAcquire(this.key, Duration.ofSeconds(10));
		CompletableFuture<RedisLock.Lease> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return this.lock.acquire(this.key, Duration.ofSeconds(10), Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
		held.release();
		assertThat(waiting.get(5, TimeUnit.SECONDS).isHeld()).isTrue();
	}

	@Test
	void acquireGivesUpAfterTheWait() {
		this.lock.tryAcquire(this.key, Duration.ofSeconds(10));
		assertThatExceptionOfType(RedisLock.LockTimeoutException.class)
			.isThrownBy(() -> this.lock.acquire(this.key, Duration.ofSeconds(10), Duration.ofMillis(200)))
			.withMessage("Lock " + this.key + " is still held by another worker after PT0.2S");
	}

}
