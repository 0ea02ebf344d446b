package io.taskq.sample.math;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;
import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code tasks.add} and {@code tasks.sleep} end to end.
 */
@SampleIntegrationTest
class MathTasksIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	TaskOperations tasks;

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
	void queueIsDeclaredAsADefaultCeleryAppDeclaresIt(@Autowired RabbitTemplate rabbitTemplate,
			@Value("${taskq.default-queue}") String queue) {
		// A plain Python client or `celery worker` declares the queue durable, without arguments, before using it;
		// RabbitMQ refuses that declaration if the sample had declared the queue differently.
		rabbitTemplate.execute((channel) -> channel.queueDeclare(queue, true, false, false, null));
		assertThat(this.tasks.send("tasks.add", 2, 3).get(TIMEOUT, Long.class)).isEqualTo(5L);
	}

	@Test
	void negativeSleepFails() {
		TaskHandle handle = this.tasks.send("tasks.sleep", -1);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("millis must not be negative, was -1"));
		// The traceback shows the task's frames and ends where the worker called it.
		assertThat(handle.result().traceback()).startsWith("java.lang.IllegalArgumentException: millis must not")
			.contains("\tat io.taskq.sample.math.MathTasks.sleep(MathTasks.java:")
			.containsPattern("\t\\.\\.\\. \\d+ more\n$")
			.doesNotContain("org.springframework.amqp");
	}

}
