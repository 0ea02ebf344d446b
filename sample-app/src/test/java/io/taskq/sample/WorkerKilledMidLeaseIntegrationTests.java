package io.taskq.sample;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static io.taskq.sample.WorkerProcesses.workerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long task past {@code lease-after} is held by a lease in Redis, not by its (acknowledged) delivery. Its worker
 * killed with SIGKILL stops renewing the lease; the lease lapses and another worker runs the task.
 */
class WorkerKilledMidLeaseIntegrationTests {

	// A lease of 3 s (not a minute), so the test stays short.
	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses("--taskq.worker.lease-after=1s",
			"--taskq.worker.lease=3s");

	@Test
	void theLeasedTaskOfAKilledWorkerRunsOnAnother() throws Exception {
		List<Process> started = workers.start("lease-a", "lease-b");
		TaskHandle handle = workers.tasks().send("tasks.sleep", 8_000);
		TaskResult running = await().atMost(Duration.ofSeconds(30)).until(handle::result,
				(result) -> result != null && TaskState.STARTED.equals(result.state())
						&& workers.schedule().size() == 1);
		String first = workerOf(running);
		workers.kill(started.get(first.equals("lease-a") ? 0 : 1));

		assertThat(handle.get(Duration.ofSeconds(60), Long.class)).isEqualTo(8_000L);
		assertThat(workerOf(handle.result())).isNotEqualTo(first);
		await().atMost(Duration.ofSeconds(10)).until(() -> workers.schedule().size() == 0);
	}

}
