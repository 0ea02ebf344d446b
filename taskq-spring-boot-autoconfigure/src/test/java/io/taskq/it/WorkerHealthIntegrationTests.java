package io.taskq.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.health.TaskQueueHealthIndicator;
import io.taskq.worker.TaskWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code taskq} health contributor reports each queue's consumers, and goes DOWN when a worker's
 * container stops consuming (the silent stall).
 */
class WorkerHealthIntegrationTests {

	@RegisterExtension
	static final WorkerContexts workers = new WorkerContexts("health");

	@Test
	void upWithConsumersThenDownWhenAContainerStops() {
		ConfigurableApplicationContext app = workers.start("health-worker", "taskq.worker.concurrency=3");
		TaskQueueHealthIndicator indicator = app.getBean("taskqHealthIndicator", TaskQueueHealthIndicator.class);
		await().until(() -> indicator.health().getStatus().equals(Status.UP) && consumers(indicator.health()) == 3);

		app.getBean(TaskWorker.class).getConsumers().get(workers.queue()).stop();

		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(queueDetails(health)).containsEntry("running", false).containsEntry("status", "DOWN");
	}

	private static int consumers(Health health) {
		return (Integer) queueDetails(health).get("consumers");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> queueDetails(Health health) {
		Map<String, Object> queues = (Map<String, Object>) health.getDetails().get("queues");
		return (Map<String, Object>) queues.get(workers.queue());
	}

}
