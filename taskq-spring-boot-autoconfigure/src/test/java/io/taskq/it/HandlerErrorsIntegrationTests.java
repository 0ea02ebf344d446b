package io.taskq.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.worker.RunningTasks;
import io.taskq.worker.TaskWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A handler that throws an {@link Error} fails its task like one that throws an exception: FAILURE is stored
 * with the error's type and trace, the message is acknowledged, the running-task gauge and registry are back
 * where they were, and the same worker (its consumers still running) goes on to run the next task. Spring AMQP
 * would otherwise abort the consumer, stop the container, and for most errors exit the JVM.
 */
@TaskqIntegrationTest(HandlerErrorsIntegrationTests.Config.class)
class HandlerErrorsIntegrationTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.worker.concurrency", () -> "1");
	}

	@Value("${taskq.default-queue}")
	String queue;

	@Autowired
	TaskOperations tasks;

	@Autowired
	TaskWorker worker;

	@Autowired
	RunningTasks runningTasks;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	AmqpAdmin amqpAdmin;

	static Stream<Arguments> errors() {
		return Stream.of(Arguments.of("errors.assert", "AssertionError", "java.lang"),
				Arguments.of("errors.recurse", "StackOverflowError", "java.lang"),
				Arguments.of("errors.allocate", "OutOfMemoryError", "java.lang"),
				Arguments.of("errors.linkage", "NoClassDefFoundError", "java.lang"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("errors")
	void anErrorFromAHandlerIsATaskFailureAndTheWorkerGoesOn(String task, String type, String module) {
		TaskHandle handle = this.tasks.send(task);

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(30)))
			.satisfies((failure) -> {
				assertThat(failure.getRemoteType()).isEqualTo(type);
				assertThat(failure.getRemoteModule()).isEqualTo(module);
				assertThat(failure.getRemoteTraceback()).contains("java.lang." + type);
			});
		assertThat(this.tasks.send("errors.echo", "after " + type).get(Duration.ofSeconds(30)))
			.isEqualTo("after " + type);
		assertWorkerIntact(handle);
	}

	@Test
	void aStaticInitializerThatFailsIsATaskFailureEachTime() {
		TaskHandle first = this.tasks.send("errors.initialize");
		TaskHandle second = this.tasks.send("errors.initialize");

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> first.get(Duration.ofSeconds(30)))
			.satisfies((failure) -> assertThat(failure.getRemoteType()).isEqualTo("ExceptionInInitializerError"));
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> second.get(Duration.ofSeconds(30)))
			.satisfies((failure) -> assertThat(failure.getRemoteType()).isEqualTo("NoClassDefFoundError"));
		assertThat(this.tasks.send("errors.echo", "after initializer").get(Duration.ofSeconds(30)))
			.isEqualTo("after initializer");
		assertWorkerIntact(second);
	}

	private void assertWorkerIntact(TaskHandle failed) {
		TaskBroker.QueueConsumer consumer = this.worker.getConsumers().get(this.queue);
		assertThat(consumer.isRunning()).as("the queue's consumer runs").isTrue();
		assertThat(consumer.activeConsumers()).isEqualTo(1);
		assertThat(this.amqpAdmin.getQueueInfo(this.queue).getMessageCount()).as("nothing left or requeued").isZero();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meterRegistry.get("taskq.tasks.running").gauge().value()).isZero());
		assertThat(this.runningTasks.terminate(failed.id())).as("the failed task is no longer registered").isFalse();
		TaskResult stored = failed.result();
		assertThat(stored.state()).isEqualTo(TaskState.FAILURE);
	}

	static class Handlers {

		@TaskHandler("errors.assert")
		String assertion() {
			throw new AssertionError("an invariant of the handler did not hold");
		}

		@TaskHandler("errors.recurse")
		long recurse() {
			return depth(0);
		}

		private static long depth(long level) {
			return depth(level + 1) + 1;
		}

		@TaskHandler("errors.allocate")
		int allocate() {
			// More than any test JVM's heap: the allocation fails at once, and nothing stays allocated.
			List<long[]> arrays = new ArrayList<>();
			arrays.add(new long[Integer.MAX_VALUE - 8]);
			return arrays.size();
		}

		@TaskHandler("errors.linkage")
		String linkage() {
			throw new NoClassDefFoundError("com/example/Missing");
		}

		@TaskHandler("errors.initialize")
		int initialize() {
			return Doomed.VALUE;
		}

		@TaskHandler("errors.echo")
		String echo(String value) {
			return value;
		}

	}

	static final class Doomed {

		static final int VALUE = fail();

		private Doomed() {
		}

		private static int fail() {
			throw new IllegalStateException("this class cannot be initialised");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
