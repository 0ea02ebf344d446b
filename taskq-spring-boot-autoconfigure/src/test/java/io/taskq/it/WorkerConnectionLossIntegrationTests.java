package io.taskq.it;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose broker connection dies mid-task never acknowledged the message, so the broker hands it to
 * another worker, which completes it (at-least-once delivery). The separate-process version, with
 * {@code kill -9}, is in the sample app's tests.
 */
class WorkerConnectionLossIntegrationTests {

	@RegisterExtension
	static final WorkerContexts workers = new WorkerContexts("connection-loss");

	@AfterEach
	void releaseBlockedTasks() {
		WorkerApps.release.countDown();
	}

	@Test
	void unacknowledgedTaskOfALostWorkerIsCompletedByAnother() {
		WorkerApps.release = new CountDownLatch(1);
		ConfigurableApplicationContext producer = workers.start("loss-producer", "taskq.worker.enabled=false");
		ConfigurableApplicationContext doomed = workers.start("loss-doomed", "taskq.worker.concurrency=1");
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		TaskHandle handle = tasks.send("apps.block");
		await().atMost(Duration.ofSeconds(10)).until(() -> WorkerApps.started("loss-doomed").contains(handle.id()));
		workers.start("loss-survivor", "taskq.worker.concurrency=1");

		doomed.getBean(CachingConnectionFactory.class).resetConnection();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> WorkerApps.started("loss-survivor").contains(handle.id()));
		WorkerApps.release.countDown();

		assertThat(handle.get(Duration.ofSeconds(20), String.class)).isIn("loss-doomed", "loss-survivor");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> WorkerApps.finished("loss-survivor").contains(handle.id()));
		assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
	}

}
