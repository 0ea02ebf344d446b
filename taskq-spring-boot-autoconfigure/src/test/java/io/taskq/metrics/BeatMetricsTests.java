package io.taskq.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.taskq.beat.BeatRun;

import static org.assertj.core.api.Assertions.assertThat;

class BeatMetricsTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final BeatMetrics metrics = new BeatMetrics();

	@Test
	void ticksAreCountedByOutcomeAndFiredTicksTimedByLateness() {
		this.metrics.bindTo(this.registry);
		this.metrics.recorded("report", List.of(run(BeatRun.Outcome.MISSED, Duration.ZERO),
				run(BeatRun.Outcome.FIRED, Duration.ofMillis(30)), run(BeatRun.Outcome.FIRED, Duration.ofMillis(10)),
				run(BeatRun.Outcome.SKIPPED, Duration.ZERO)), 7);
		this.metrics.recorded("report", List.of(run(BeatRun.Outcome.TRIGGERED, Duration.ZERO)), 0);
		assertThat(count("fired")).isEqualTo(2);
		assertThat(count("missed")).as("every missed tick, not only the one recorded").isEqualTo(7);
		assertThat(count("skipped")).isEqualTo(1);
		assertThat(count("triggered")).isEqualTo(1);
		assertThat(this.registry.get("taskq.beat.lateness").timer().count()).isEqualTo(2);
		assertThat(this.registry.get("taskq.beat.lateness").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(30);
		assertThat(this.registry.find("taskq.beat.ticks").tagKeys("schedule").counters()).isEmpty();
	}

	@Test
	void nothingIsRecordedBeforeARegistryIsBound() {
		this.metrics.recorded("report", List.of(run(BeatRun.Outcome.FIRED, Duration.ZERO)), 0);
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.find("taskq.beat.ticks").counters()).isEmpty();
	}

	private double count(String outcome) {
		return this.registry.get("taskq.beat.ticks").tag("outcome", outcome).counter().count();
	}

	private static BeatRun run(BeatRun.Outcome outcome, Duration lateness) {
		return new BeatRun(T, T.plus(lateness), lateness, "id", outcome, null);
	}

}
