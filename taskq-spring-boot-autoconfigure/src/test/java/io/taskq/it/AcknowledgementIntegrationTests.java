package io.taskq.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledgement modes and RabbitMQ's consumer timeout. Early acknowledgement is at-most-once: a task whose
 * worker dies is gone. A late-acknowledged task running longer than the broker's consumer timeout keeps its
 * delivery alive through a Redis lease and runs once; without the lease the broker closes the channel and the
 * task runs again (the control that shows the test can fail). The broker's timeout is shortened for the test
 * and restored after it.
 */
class AcknowledgementIntegrationTests {

	static final String QUEUE = TestQueues.unique("acks");

	static final String EARLY_QUEUE = TestQueues.unique("acks-early");

	static final String PREFIX = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterAll
	static void cleanUp() throws Exception {
		WorkerApps.release.countDown();
		restoreConsumerTimeout();
		contexts.forEach(ConfigurableApplicationContext::close);
		ConfigurableApplicationContext admin = WorkerApps.start("acks-cleanup", "taskq.worker.enabled=false");
		admin.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
		admin.getBean(AmqpAdmin.class).deleteQueue(EARLY_QUEUE);
		admin.close();
	}

	@Test
	void earlyAcknowledgementLosesTheTaskOfADeadWorker() {
		WorkerApps.release = new CountDownLatch(1);
		ConfigurableApplicationContext producer = start("early-producer", EARLY_QUEUE,
				"taskq.worker.enabled=false");
		ConfigurableApplicationContext doomed = start("early-doomed", EARLY_QUEUE, "taskq.worker.concurrency=1",
				"taskq.tasks[apps.block].acks-late=false");
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		TaskHandle handle = tasks.send("apps.block");
		await().atMost(Duration.ofSeconds(10)).until(() -> WorkerApps.started("early-doomed").contains(handle.id()));
		start("early-survivor", EARLY_QUEUE, "taskq.worker.concurrency=1");

		doomed.getBean(CachingConnectionFactory.class).resetConnection();
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
			.until(() -> !WorkerApps.started("early-survivor").contains(handle.id()));
		assertThat(handle.state()).isEqualTo(TaskState.SENT);
	}

	@Test
	void aTaskLongerThanTheConsumerTimeoutRunsOnceThanksToItsLease() throws Exception {
		shortenConsumerTimeout();
		try {
			ConfigurableApplicationContext leased = start("acks-leased", QUEUE, "taskq.worker.concurrency=1",
					"taskq.worker.lease-after=1s", "taskq.worker.lease=3s");
			TaskOperations tasks = leased.getBean(TaskOperations.class);
			TaskHandle handle = tasks.send("apps.slow", 7000);
			assertThat(handle.get(Duration.ofSeconds(30))).isEqualTo("acks-leased");
			assertThat(WorkerApps.INVOCATIONS_BY_TASK.get(handle.id())).hasValue(1);
			leased.close();

			ConfigurableApplicationContext unleased = start("acks-unleased", QUEUE, "taskq.worker.concurrency=1",
					"taskq.worker.lease-after=1h");
			TaskHandle control = unleased.getBean(TaskOperations.class).send("apps.slow", 7000);
			await().atMost(Duration.ofSeconds(40))
				.until(() -> WorkerApps.INVOCATIONS_BY_TASK.containsKey(control.id())
						&& WorkerApps.INVOCATIONS_BY_TASK.get(control.id()).get() >= 2);
		}
		finally {
			restoreConsumerTimeout();
		}
	}

	private static ConfigurableApplicationContext start(String name, String queue, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("taskq.default-queue=" + queue);
		all.add("taskq.redis.key-prefix=" + PREFIX);
		ConfigurableApplicationContext context = WorkerApps.start(name, all.toArray(String[]::new));
		contexts.add(context);
		return context;
	}

	/**
	 * Shorten the broker's consumer timeout to 3 s, checked every second, for channels opened from now on.
	 */
	private static void shortenConsumerTimeout() throws IOException, InterruptedException {
		rabbitmqEval("application:set_env(rabbit, consumer_timeout, 3000).");
		rabbitmqEval("application:set_env(rabbit, channel_tick_interval, 1000).");
	}

	private static void restoreConsumerTimeout() throws IOException, InterruptedException {
		rabbitmqEval("application:set_env(rabbit, consumer_timeout, 1800000).");
		rabbitmqEval("application:set_env(rabbit, channel_tick_interval, 60000).");
	}

	private static void rabbitmqEval(String expression) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("rabbitmqctl", "-q", "eval", expression).inheritIO().start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("rabbitmqctl eval " + expression).isZero();
	}

}
