package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatTicks;
import io.taskq.it.TickQueue.Tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic tasks across three applications, on the real RabbitMQ and Redis: a one-second schedule declared only in
 * properties, sending to a queue that only the test reads. Every tick is sent exactly once, with its derived task
 * id, while applications stop and start.
 */
class BeatIntegrationTests {

	@RegisterExtension
	static final WorkerContexts apps = new WorkerContexts("beat");

	private final String name = "tick-" + UUID.randomUUID().toString().substring(0, 8);

	private TickQueue ticks;

	@BeforeEach
	void declareTheTicksQueue() {
		this.ticks = new TickQueue(apps.queue("ticks"));
	}

	@AfterEach
	void closeTheConnection() {
		this.ticks.close();
	}

	@Test
	void threeApplicationsSendEachTickOnceAndTicksGoOnWhenOneStops() {
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			contexts.add(apps.start("beat-" + i, schedule()));
		}
		this.ticks.awaitAtLeast(4);
		contexts.get(0).close();
		List<Tick> received = this.ticks.awaitAtLeast(this.ticks.drain().size() + 4);
		assertExactlyOncePerTickWithoutGaps(received);
		assertLatenessBelow(received, Duration.ofSeconds(1));
	}

	@Test
	void aRestartedApplicationDoesNotFireFiredTicksAgainAndARemovedScheduleStops() {
		ConfigurableApplicationContext first = apps.start("beat-first", schedule());
		this.ticks.awaitAtLeast(3);
		first.close();
		ConfigurableApplicationContext second = apps.start("beat-second", schedule());
		List<Tick> received = this.ticks.awaitAtLeast(this.ticks.drain().size() + 3);
		second.close();
		assertThat(received).extracting(Tick::taskId).doesNotHaveDuplicates();
		assertThat(received).extracting(Tick::tick).isSorted();

		BeatOperations schedules = apps.start("beat-without-it").getBean(BeatOperations.class);
		await("the schedule is removed").atMost(Duration.ofSeconds(30))
			.until(() -> schedules.get(this.name).isEmpty());
		this.ticks.awaitNoneFor(Duration.ofMillis(2500));
	}

	private String[] schedule() {
		String key = "taskq.beat.schedules." + this.name;
		return new String[] { key + ".task=beat.tick", key + ".every=1s", key + ".queue=" + this.ticks.name(),
				key + ".args[0]=" + this.name };
	}

	private void assertExactlyOncePerTickWithoutGaps(List<Tick> received) {
		assertThat(received).extracting(Tick::schedule).containsOnly(this.name);
		List<Instant> ticks = received.stream().map(Tick::tick).sorted().toList();
		assertThat(ticks).doesNotHaveDuplicates();
		for (int i = 1; i < ticks.size(); i++) {
			assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("ticks %s", ticks)
				.isEqualTo(Duration.ofSeconds(1));
		}
		for (Tick tick : received) {
			assertThat(tick.taskId()).isEqualTo(BeatTicks.taskId(this.name, tick.tick()));
		}
	}

	private void assertLatenessBelow(List<Tick> received, Duration bound) {
		List<Duration> lateness = received.stream()
			.map(Tick::lateness)
			.sorted()
			.toList();
		System.out.println("Beat ticks sent this late (sorted): " + lateness);
		assertThat(lateness.get(lateness.size() / 2)).isLessThan(bound);
	}

}
