package io.taskq.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real worker JVMs (the sample app's jar, started twice) share a batch of slow tasks; one is killed with
 * SIGKILL mid-task. Its unacknowledged tasks are redelivered to the other, and every task ends SUCCESS.
 */
class WorkerCrashIntegrationTests {

	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses();

	@Test
	void tasksOfAKilledWorkerAreCompletedByTheOther() throws Exception {
		List<Process> started = workers.start("crash-doomed", "crash-survivor");
		Process doomed = started.get(0);
		Process survivor = started.get(1);
		TaskOperations tasks = workers.tasks();
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			handles.add(tasks.send("tasks.sleep", 1500));
		}
		List<String> startedOnDoomed = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			startedOnDoomed.clear();
			for (TaskHandle handle : handles) {
				TaskResult result = handle.result();
				if (result != null && result.state().equals(TaskState.STARTED)
						&& result.result().path("hostname").asString().equals("crash-doomed")) {
					startedOnDoomed.add(handle.id());
				}
			}
			return !startedOnDoomed.isEmpty();
		});

		workers.kill(doomed);

		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(60), Long.class)).isEqualTo(1500L);
		}
		for (String id : startedOnDoomed) {
			TaskResult result = tasks.handle(id).result();
			assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
			assertThat(result.extended().worker()).isEqualTo("crash-survivor");
		}
		assertThat(survivor.isAlive()).isTrue();
	}

}
