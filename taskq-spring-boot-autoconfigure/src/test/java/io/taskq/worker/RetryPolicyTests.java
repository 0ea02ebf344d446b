package io.taskq.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	@Test
	void retriesOnListedTypesAndTheirSubclassesOnly() {
		RetryPolicy policy = new RetryPolicy(List.of(IOException.class), 3, Duration.ofSeconds(1), null,
				Duration.ofMinutes(1), false);
		assertThat(policy.retriesOn(new IOException())).isTrue();
		assertThat(policy.retriesOn(new java.net.SocketTimeoutException())).isTrue();
		assertThat(policy.retriesOn(new UncheckedIOException(new IOException()))).isFalse();
		assertThat(RetryPolicy.DEFAULT.retriesOn(new IOException())).isFalse();
	}

	@Test
	void withoutBackoffEveryRetryWaitsTheDelay() {
		RetryPolicy policy = new RetryPolicy(List.of(), 3, Duration.ofSeconds(7), null, Duration.ofMinutes(1), true);
		assertThat(policy.countdown(0, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(7));
		assertThat(policy.countdown(5, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void backoffDoublesUpToItsCap() {
		RetryPolicy policy = new RetryPolicy(List.of(), 10, Duration.ofSeconds(7), Duration.ofSeconds(1),
				Duration.ofSeconds(10), false);
		assertThat(policy.countdown(0, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.countdown(1, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.countdown(3, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.countdown(4, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.countdown(63, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void jitterDrawsBetweenZeroAndTheBackoff() {
		RetryPolicy policy = new RetryPolicy(List.of(), 10, Duration.ofSeconds(7), Duration.ofSeconds(1),
				Duration.ofSeconds(10), true);
		RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
		for (int i = 0; i < 100; i++) {
			assertThat(policy.countdown(2, random)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
		}
	}

}
