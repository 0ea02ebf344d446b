package io.taskq.sample.math;

import java.math.BigInteger;
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
	void addOfIntegersIsExactAtAnySize() {
		BigInteger big = BigInteger.TWO.pow(70);
		TaskHandle handle = this.tasks.send("tasks.add", big, 1);
		assertThat(handle.get(TIMEOUT, BigInteger.class)).isEqualTo(big.add(BigInteger.ONE));
		assertThat(handle.result().result().isIntegralNumber()).isTrue();
		assertThat(this.tasks.send("tasks.add", Long.MAX_VALUE, 1).get(TIMEOUT, BigInteger.class))
			.isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
	}

	@Test
	void addWithAFloatGivesAFloat() {
		TaskHandle handle = this.tasks.send("tasks.add", 0.5, 0.25);
		assertThat(handle.get(TIMEOUT, Double.class)).isEqualTo(0.75);
		assertThat(handle.result().result().isDouble()).isTrue();
		TaskHandle whole = this.tasks.send("tasks.add", 1.5, 1.5);
		assertThat(whole.get(TIMEOUT, Double.class)).isEqualTo(3.0);
		assertThat(whole.result().result().isDouble()).isTrue();
		assertThat(this.tasks.send("tasks.add", 2, 0.5).get(TIMEOUT, Double.class)).isEqualTo(2.5);
	}

	@Test
	void addOfStringsIsRefused() {
		TaskHandle handle = this.tasks.send("tasks.add", "3", "4");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("TaskArgumentException"))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo(
					"Task 'tasks.add' argument 'a': cannot convert \"3\" to java.lang.Number (string into a number type)"));
		assertThat(this.tasks.send("tasks.add", 2, 3).get(TIMEOUT, Long.class)).isEqualTo(5L);
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
