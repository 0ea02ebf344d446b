package io.taskq.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's memory of revocations, between full reads of Redis and the notices that come in meanwhile.
 */
class KnownRevocationsTests {

	private static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

	private static final long DAY = Duration.ofDays(1).toMillis();

	private final KnownRevocations known = new KnownRevocations();

	@Test
	void aNoticeThatComesInWhileRedisIsReadIsKept() {
		// The periodic re-sync reads Redis before the revocation of "late" is written there...
		Map<String, Long> read = Map.of("early", NOW + DAY);
		// ...its notice comes in on the channel...
		this.known.add("late", NOW + DAY);
		// ...and then the re-sync takes in what it read.
		this.known.merge(read, NOW);
		assertThat(this.known.contains("late", NOW)).isTrue();
		assertThat(this.known.contains("early", NOW)).isTrue();
	}

	@Test
	void revocationsLeaveWhenTheyLapseAndNotBefore() {
		this.known.add("short", NOW + 1_000);
		this.known.add("long", NOW + DAY);
		assertThat(this.known.contains("short", NOW + 2_000)).isFalse();
		this.known.merge(Map.of("read", NOW + DAY, "lapsed", NOW + 1_000), NOW + 2_000);
		assertThat(this.known.contains("long", NOW + 2_000)).isTrue();
		assertThat(this.known.contains("read", NOW + 2_000)).isTrue();
		assertThat(this.known.contains("short", NOW)).as("removed once lapsed").isFalse();
		assertThat(this.known.contains("lapsed", NOW)).as("never added once lapsed").isFalse();
	}

}
