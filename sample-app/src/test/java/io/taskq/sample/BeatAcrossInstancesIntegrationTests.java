package io.taskq.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import io.taskq.beat.BeatOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic tasks as an operator runs them: three sample-app JVMs, each given the same one-second schedule on the
 * command line only ({@code --taskq.beat.schedules.<name>.*}), sending to a queue that only this test reads. One
 * instance is killed with SIGKILL while the ticks flow, and started again. Seen from outside, every second of the
 * whole window brings exactly one message, none missing and none twice, its task id the one derived from the
 * schedule and the tick, and its lateness (arrival minus tick, on this machine's clock) is measured.
 */
class BeatAcrossInstancesIntegrationTests {

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	private static final String SCHEDULE = "beat-processes-" + SUFFIX;

	private static final String QUEUE = "sample-test-beat-" + SUFFIX;

	private static final String KEY = "--taskq.beat.schedules." + SCHEDULE;

	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses(KEY + ".task=tasks.add", KEY + ".every=1s",
			KEY + ".queue=" + QUEUE);

	private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

	@Test
	void everySecondExactlyOneMessageWhileAnInstanceIsKilledAndRestarted() throws Exception {
		AmqpAdmin admin = workers.bean(AmqpAdmin.class);
		declareQueue(admin);
		SimpleMessageListenerContainer consumer = new SimpleMessageListenerContainer(
				workers.bean(ConnectionFactory.class));
		consumer.setQueueNames(QUEUE);
		consumer.setMessageListener(this::arrived);
		consumer.start();
		List<Process> started = new ArrayList<>();
		try {
			started.addAll(workers.start("beat-a", "beat-b", "beat-c"));
			// Ticks flow from the first instance's start. Lateness is measured once all three have sent a few (the
			// first sends of a cold JVM, on a machine busy starting the others, are slow) and over the kill and the
			// restart; the ticks before count for "exactly once" all the same.
			Instant allStarted = Instant.now();
			await().atMost(Duration.ofSeconds(30)).until(() -> latestTick().isAfter(allStarted.plusSeconds(4)));
			Instant measured = latestTick().plusSeconds(1);

			// SIGKILL in the middle of a second, half-way between two ticks: whichever instance sent the last tick
			// has recorded it by then
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> Math.abs(System.currentTimeMillis() % 1000 - 500) < 100);
			workers.kill(started.get(0));
			Instant killed = Instant.now();
			started.addAll(workers.start("beat-a-restarted"));
			Instant restarted = Instant.now();

			Instant first = this.arrivals.stream().map(Arrival::tick).min(Instant::compareTo).orElseThrow();
			Instant end = max(measured.plusSeconds(15), restarted.plusSeconds(5));
			// the window ends at `end`; wait for two more ticks so that no message of the window is still on its way
			await().atMost(Duration.ofSeconds(60)).until(() -> !latestTick().isBefore(end.plusSeconds(2)));

			Map<Instant, List<Arrival>> byTick = new TreeMap<>();
			for (Arrival arrival : this.arrivals) {
				byTick.computeIfAbsent(arrival.tick(), (tick) -> new ArrayList<>()).add(arrival);
			}
			assertThat(byTick.values()).as("messages per tick").allSatisfy((messages) -> assertThat(messages).hasSize(1));
			List<Long> lateness = new ArrayList<>();
			List<Instant> missing = new ArrayList<>();
			for (Instant tick = first; !tick.isAfter(end); tick = tick.plusSeconds(1)) {
				List<Arrival> messages = byTick.get(tick);
				if (messages == null) {
					missing.add(tick);
					continue;
				}
				Arrival arrival = messages.get(0);
				assertThat(arrival.taskId()).as("task id of tick %s", tick).isEqualTo(derivedTaskId(tick));
				assertThat(arrival.schedule()).isEqualTo(SCHEDULE);
				if (!tick.isBefore(measured)) {
					lateness.add(arrival.latenessMillis());
				}
			}
			assertThat(missing).as("ticks without a message").isEmpty();
			assertThat(byTick.keySet()).as("every tick on a whole second")
				.allSatisfy((tick) -> assertThat(tick.toEpochMilli() % 1000).isZero());

			lateness.sort(null);
			long p50 = percentile(lateness, 50);
			long p99 = percentile(lateness, 99);
			System.out.printf("Beat across 3 processes, one killed at %s and restarted by %s: every tick from %s to %s "
					+ "exactly once; lateness (arrival - tick) of the %d ticks from %s: p50 %d ms, p99 %d ms, max %d ms; "
					+ "all ticks (ms): %s%n", killed, restarted, first, end, lateness.size(), measured, p50, p99,
					lateness.get(lateness.size() - 1),
					byTick.values().stream().map((messages) -> messages.get(0).latenessMillis()).toList());
			assertThat(p99).as("p99 lateness in ms").isLessThan(1000);
		}
		finally {
			for (Process process : started) {
				process.destroyForcibly();
			}
			for (Process process : started) {
				process.waitFor();
			}
			consumer.stop();
			workers.bean(BeatOperations.class).remove(SCHEDULE);
			admin.deleteQueue(QUEUE);
			admin.deleteExchange(QUEUE);
		}
	}

	private void arrived(Message message) {
		long now = System.currentTimeMillis();
		Map<String, Object> headers = message.getMessageProperties().getHeaders();
		Instant tick = Instant.parse(String.valueOf(headers.get("taskq_beat_tick")));
		this.arrivals.add(new Arrival(tick, String.valueOf(headers.get("id")),
				String.valueOf(headers.get("taskq_beat_schedule")), now - tick.toEpochMilli()));
	}

	private Instant latestTick() {
		return this.arrivals.stream().map(Arrival::tick).max(Instant::compareTo).orElse(Instant.EPOCH);
	}

	/**
	 * Declares the queue as taskq and Celery do, so the instances' own declaration of it agrees.
	 */
	private static void declareQueue(AmqpAdmin admin) {
		Queue queue = new Queue(QUEUE, true, false, false);
		DirectExchange exchange = new DirectExchange(QUEUE, true, false);
		admin.declareQueue(queue);
		admin.declareExchange(exchange);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(QUEUE));
	}

	/**
	 * The id of a tick's task as the design defines it, computed here independently of taskq's code.
	 */
	private static String derivedTaskId(Instant tick) {
		return UUID.nameUUIDFromBytes(("taskq-beat:" + SCHEDULE + ":" + tick.toEpochMilli()).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private static long percentile(List<Long> sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private record Arrival(Instant tick, String taskId, String schedule, long latenessMillis) {
	}

}
