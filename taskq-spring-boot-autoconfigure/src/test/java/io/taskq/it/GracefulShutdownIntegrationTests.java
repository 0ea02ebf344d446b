package io.taskq.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker closed mid-task (what SIGTERM does) stops consuming, lets the running task finish, and returns
 * its prefetched, unstarted messages to the queue for another worker.
 */
class GracefulShutdownIntegrationTests {

	@RegisterExtension
	static final WorkerContexts workers = new WorkerContexts("shutdown");

	@Test
	void runningTaskFinishesAndPrefetchedTasksGoBackToTheQueue() {
		ConfigurableApplicationContext producer = workers.start("shutdown-producer", "taskq.worker.enabled=false");
		ConfigurableApplicationContext first = workers.start("shutdown-first", "taskq.worker.concurrency=1",
				"taskq.worker.prefetch=10", "taskq.worker.shutdown-timeout=20s");
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			handles.add(tasks.send("apps.slow", 1500));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !WorkerApps.started("shutdown-first").isEmpty());
		String running = WorkerApps.started("shutdown-first").iterator().next();

		CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
		await().atMost(Duration.ofSeconds(20)).until(closing::isDone);

		assertThat(WorkerApps.finished("shutdown-first")).contains(running);
		assertThat(tasks.handle(running).state()).isEqualTo(TaskState.SUCCESS);
		assertThat(WorkerApps.started("shutdown-first")).hasSize(WorkerApps.finished("shutdown-first").size());
		int ranOnFirst = WorkerApps.finished("shutdown-first").size();
		assertThat(ranOnFirst).isLessThan(5);

		workers.start("shutdown-second", "taskq.worker.concurrency=2");
		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(30), String.class)).isIn("shutdown-first", "shutdown-second");
		}
		assertThat(WorkerApps.finished("shutdown-second")).hasSize(5 - ranOnFirst);
	}

}
