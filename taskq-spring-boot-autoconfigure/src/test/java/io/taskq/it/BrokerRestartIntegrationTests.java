package io.taskq.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ restarted under load ({@code rabbitmqctl stop_app} / {@code start_app}): queued and in-flight
 * tasks survive and complete, workers reconnect and resume consuming, and a send during the outage fails
 * loudly instead of vanishing.
 */
class BrokerRestartIntegrationTests {

	static final String QUEUE = TestQueues.unique("broker-restart");

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterAll
	static void cleanUp() throws Exception {
		rabbitmqctl("start_app");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			contexts.get(0).getBean(AmqpAdmin.class).deleteQueue(QUEUE);
			return true;
		});
		contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void tasksSurviveARestartAndSendsDuringTheOutageFailLoudly() throws Exception {
		ConfigurableApplicationContext producer = WorkerApps.start("restart-producer", "taskq.default-queue=" + QUEUE,
				"taskq.worker.enabled=false", "taskq.publisher.confirm-timeout=5s");
		contexts.add(producer);
		contexts.add(WorkerApps.start("restart-worker", "taskq.default-queue=" + QUEUE,
				"taskq.worker.concurrency=1", "taskq.worker.prefetch=1"));
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			handles.add(tasks.send("apps.slow", 200));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> WorkerApps.finished("restart-worker").size() >= 2);

		rabbitmqctl("stop_app");
		assertThatExceptionOfType(TaskPublishException.class).isThrownBy(() -> tasks.send("apps.echo", "lost?"));
		rabbitmqctl("start_app");

		TaskHandle afterRestart = await().atMost(Duration.ofSeconds(60))
			.ignoreExceptionsInstanceOf(TaskPublishException.class)
			.until(() -> tasks.send("apps.echo", "after restart"), (handle) -> handle != null);
		assertThat(afterRestart.get(Duration.ofSeconds(60))).isEqualTo("after restart");
		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(60))).isEqualTo("restart-worker");
			assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
		}
	}

	private static void rabbitmqctl(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("rabbitmqctl", "-q", command).inheritIO().start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("rabbitmqctl " + command + " finished").isTrue();
		assertThat(process.exitValue()).as("rabbitmqctl " + command + " exit code").isZero();
	}

}
