package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatScheduler;
import io.taskq.beat.BeatTicks;
import io.taskq.core.TaskTemplate;

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

	private final String ticksQueue = apps.queue("ticks");

	private final List<Tick> received = new CopyOnWriteArrayList<>();

	private CachingConnectionFactory connectionFactory;

	private RabbitTemplate rabbit;

	private RabbitAdmin admin;

	@BeforeEach
	void declareTheTicksQueue() {
		this.connectionFactory = new CachingConnectionFactory("127.0.0.1");
		this.rabbit = new RabbitTemplate(this.connectionFactory);
		this.admin = new RabbitAdmin(this.connectionFactory);
		this.admin.declareQueue(new Queue(this.ticksQueue, true, false, false));
	}

	@AfterEach
	void closeTheConnection() {
		// The queue goes when the run ends (BrokerCleanup): the applications still send to it until they close.
		this.connectionFactory.destroy();
	}

	@Test
	void threeApplicationsSendEachTickOnceAndTicksGoOnWhenOneStops() {
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			contexts.add(apps.start("beat-" + i, schedule()));
		}
		awaitTicks(4);
		contexts.get(0).close();
		int beforeClose = this.received.size();
		awaitTicks(beforeClose + 4);
		assertExactlyOncePerTickWithoutGaps();
		assertLatenessBelow(Duration.ofSeconds(1));
	}

	@Test
	void aRestartedApplicationDoesNotFireFiredTicksAgainAndARemovedScheduleStops() {
		ConfigurableApplicationContext first = apps.start("beat-first", schedule());
		awaitTicks(3);
		first.close();
		drain();
		ConfigurableApplicationContext second = apps.start("beat-second", schedule());
		awaitTicks(this.received.size() + 3);
		second.close();
		assertThat(this.received).extracting(Tick::taskId).doesNotHaveDuplicates();
		assertThat(this.received).extracting(Tick::tick).isSorted();

		BeatOperations schedules = apps.start("beat-without-it").getBean(BeatOperations.class);
		await("the schedule is removed").atMost(Duration.ofSeconds(30))
			.until(() -> schedules.get(this.name).isEmpty());
		drain();
		int afterRemoval = this.received.size();
		await("no more ticks").during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).until(() -> {
			drain();
			return this.received.size() == afterRemoval;
		});
	}

	private String[] schedule() {
		String key = "taskq.beat.schedules." + this.name;
		return new String[] { key + ".task=beat.tick", key + ".every=1s", key + ".queue=" + this.ticksQueue,
				key + ".args[0]=" + this.name };
	}

	private void awaitTicks(int count) {
		await(count + " ticks").atMost(Duration.ofSeconds(60)).until(() -> {
			drain();
			return this.received.size() >= count;
		});
	}

	private void drain() {
		Message message;
		while ((message = this.rabbit.receive(this.ticksQueue)) != null) {
			Map<String, Object> headers = message.getMessageProperties().getHeaders();
			assertThat(headers).containsEntry(BeatScheduler.SCHEDULE_HEADER, this.name);
			this.received.add(new Tick(Instant.parse((String) headers.get(BeatScheduler.TICK_HEADER)),
					(String) headers.get("id"),
					Instant.ofEpochMilli(((Number) headers.get(TaskTemplate.SENT_AT_HEADER)).longValue())));
		}
	}

	private void assertExactlyOncePerTickWithoutGaps() {
		List<Instant> ticks = this.received.stream().map(Tick::tick).sorted().toList();
		assertThat(ticks).doesNotHaveDuplicates();
		for (int i = 1; i < ticks.size(); i++) {
			assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("ticks %s", ticks)
				.isEqualTo(Duration.ofSeconds(1));
		}
		for (Tick tick : this.received) {
			assertThat(tick.taskId()).isEqualTo(BeatTicks.taskId(this.name, tick.tick()));
		}
	}

	private void assertLatenessBelow(Duration bound) {
		List<Duration> lateness = this.received.stream()
			.map((tick) -> Duration.between(tick.tick(), tick.sentAt()))
			.sorted()
			.toList();
		System.out.println("Beat ticks sent this late (sorted): " + lateness);
		assertThat(lateness.get(lateness.size() / 2)).isLessThan(bound);
	}

	private record Tick(Instant tick, String taskId, Instant sentAt) {
	}

}
