package io.taskq.it;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatTicks;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * taskq as {@code celery beat} for a Python team: a schedule declared in properties names a task only a Python
 * Celery 5 worker knows, on the worker's queue; the worker runs each tick's task and taskq reads the results.
 */
class BeatCeleryIntegrationTests {

	@RegisterExtension
	static final WorkerContexts apps = new WorkerContexts("beat-celery");

	private final String queue = apps.queue("python");

	private final String name = "py-" + UUID.randomUUID().toString().substring(0, 8);

	private CeleryWorker worker;

	@AfterEach
	void stopTheCeleryWorker() throws InterruptedException {
		if (this.worker != null) {
			this.worker.close();
		}
	}

	@Test
	void aPythonWorkerRunsTheTasksOfASchedule() throws IOException {
		this.worker = CeleryWorker.start(this.queue, "beat");
		String key = "taskq.beat.schedules." + this.name;
		ConfigurableApplicationContext app = apps.start("beat-for-python", key + ".task=py.echo_request",
				key + ".every=1s", key + ".args[0]=" + this.name, key + ".kwargs.tenant=acme",
				key + ".queue=" + this.queue);
		BeatOperations beat = app.getBean(BeatOperations.class);
		TaskOperations tasks = app.getBean(TaskOperations.class);
		await("three ticks run by Python").atMost(Duration.ofSeconds(60))
			.failFast("celery worker exited", () -> !this.worker.isAlive())
			.until(() -> beat.get(this.name)
				.orElseThrow()
				.history()
				.stream()
				.filter((run) -> "SUCCESS".equals(run.taskState()))
				.count() >= 3);
		List<BeatRun> fired = beat.get(this.name)
			.orElseThrow()
			.history()
			.stream()
			.filter((run) -> "SUCCESS".equals(run.taskState()))
			.toList();
		assertThat(fired).allSatisfy((run) -> {
			assertThat(run.outcome()).isEqualTo(BeatRun.Outcome.FIRED);
			assertThat(run.taskId()).isEqualTo(BeatTicks.taskId(this.name, run.scheduledAt()));
			TaskHandle handle = tasks.handle(run.taskId());
			assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
			assertThat(handle.get(Duration.ofSeconds(5))).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("id", run.taskId())
				.containsEntry("args", List.of(this.name))
				.containsEntry("kwargs", Map.of("tenant", "acme"));
		});
	}

}
