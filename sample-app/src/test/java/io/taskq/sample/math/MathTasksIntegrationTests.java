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

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskState;
import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code tasks.add} and {@code tasks.sleep} end to end.
 */
@SampleIntegrationTest
class MathTasksIntegrationTests {

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
	void addWithPositionalArguments() {
		TaskHandle handle = this.tasks.send("tasks.add", 2, 3);
		assertThat(handle.get(TIMEOUT, Long.class)).isEqualTo(5L);
		assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
	}

	@Test
	void addWithKeywordArguments() {
		assertThat(this.tasks.sendWithKwargs("tasks.add", Map.of("a", 40, "b", 2)).get(TIMEOUT)).isEqualTo(42);
	}

	@Test
	void addThatOverflowsFails() {
		TaskHandle handle = this.tasks.send("tasks.add", Long.MAX_VALUE, 1);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("ArithmeticException"));
	}

	@Test
	void sleepWaitsAndReturnsTheMilliseconds() {
		long start = System.nanoTime();
		assertThat(this.tasks.send("tasks.sleep", 300).get(TIMEOUT, Long.class)).isEqualTo(300L);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void sleepsRunInParallel() {
		long start = System.nanoTime();
		List<TaskHandle> handles = IntStream.range(0, 4).mapToObj((i) -> this.tasks.send("tasks.sleep", 1500)).toList();
		handles.forEach((handle) -> assertThat(handle.get(TIMEOUT, Long.class)).isEqualTo(1500L));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4 * 1500));
	}

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

	@Test
	void negativeSleepFails() {
		TaskHandle handle = this.tasks.send("tasks.sleep", -1);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("millis must not be negative, was -1"));
	}

	private OffsetDateTime doneAt(TaskHandle handle) {
		assertThat(handle.get(TIMEOUT, Long.class)).isEqualTo(300L);
		return handle.result().dateDone();
	}

}
