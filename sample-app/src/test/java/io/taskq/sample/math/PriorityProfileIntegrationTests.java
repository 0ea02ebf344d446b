package io.taskq.sample.math;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.ActiveProfiles;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's {@code priority} profile: its queues are declared with {@code x-max-priority} 10, as a Python app
 * with {@code task_queue_max_priority = 10} declares them, and higher priorities run first.
 */
@SampleIntegrationTest
@ActiveProfiles("priority")
class PriorityProfileIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	TaskOperations tasks;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Value("${taskq.default-queue}")
	String queue;

	@Value("${taskq.worker.concurrency}")
	int concurrency;

	@Test
	void higherPrioritiesRunFirst() {
		// Declaring the queue as a Python app with task_queue_max_priority = 10 succeeds only if the
		// arguments are the same.
		this.rabbitTemplate.execute((channel) -> channel.queueDeclare(this.queue, true, false, false,
				Map.of("x-max-priority", 10)));
		List<TaskHandle> busy = IntStream.range(0, this.concurrency)
			.mapToObj((i) -> this.tasks.send("tasks.sleep", 1000))
			.toList();
		await().atMost(TIMEOUT).until(() -> this.amqpAdmin.getQueueInfo(this.queue).getMessageCount() == 0);
		List<TaskHandle> low = IntStream.range(0, this.concurrency)
			.mapToObj((i) -> this.tasks.send(TaskRequest.builder("tasks.sleep").args(300).priority(1).build()))
			.toList();
		List<TaskHandle> high = IntStream.range(0, this.concurrency)
			.mapToObj((i) -> this.tasks.send(TaskRequest.builder("tasks.sleep").args(300).priority(9).build()))
			.toList();
		busy.forEach((handle) -> assertThat(handle.get(TIMEOUT, Long.class)).isEqualTo(1000L));
		OffsetDateTime lastHigh = high.stream().map(this::doneAt).max(Comparator.naturalOrder()).orElseThrow();
		OffsetDateTime firstLow = low.stream().map(this::doneAt).min(Comparator.naturalOrder()).orElseThrow();
		assertThat(lastHigh).isBefore(firstLow);
	}

	private OffsetDateTime doneAt(TaskHandle handle) {
		assertThat(handle.get(TIMEOUT, Long.class)).isEqualTo(300L);
		return handle.result().dateDone();
	}

}
