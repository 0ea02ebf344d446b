package io.taskq.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static io.taskq.sample.WorkerProcesses.workerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real worker JVMs run tasks that fail twice before they succeed; one is killed with SIGKILL while retries
 * wait on the schedule. Retries live in Redis, not in a worker: the other worker runs every one of them, and every
 * task ends SUCCESS on its third attempt.
 */
class WorkerKilledMidRetryIntegrationTests {

	// Retries 1 s apart (not 1 s then 2 s, drawn at random below that), and a promoter's claim lasting 3 s (not
	// 30 s) in case the killed one held one: the test stays short.
	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses("--taskq.tasks[tasks.flaky].retry-backoff-max=1s",
			"--taskq.tasks[tasks.flaky].retry-jitter=false", "--taskq.schedule.lease=3s");

	@Test
	void retriesOfAKilledWorkerAreRunByTheOther() throws Exception {
		Process doomed = workers.start("retry-doomed", "retry-survivor").get(0);
		long sent = System.nanoTime();
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			handles.add(workers.tasks().send("tasks.flaky", 2));
		}
		// Kill once the doomed worker has failed attempts itself and some tasks failed twice already, while
		// retries wait on the schedule.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<TaskResult> results = results(handles);
			return results.stream().anyMatch((result) -> isRetry(result) && workerOf(result).equals("retry-doomed"))
					&& results.stream().anyMatch((result) -> isRetry(result) && result.extended().retries() == 1)
					&& workers.schedule().size() > 0;
		});
		workers.kill(doomed);
		long killedAfter = Duration.ofNanos(System.nanoTime() - sent).toMillis();
		List<TaskResult> atKill = results(handles);
		long scheduledAtKill = workers.schedule().size();

		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(60), Integer.class)).as("the attempt that succeeded").isEqualTo(3);
		}
		List<TaskResult> results = results(handles);
		for (int i = 0; i < handles.size(); i++) {
			TaskResult result = Objects.requireNonNull(results.get(i));
			assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
			assertThat(result.extended().retries()).isEqualTo(2);
			if (atKill.get(i) == null || !atKill.get(i).isReady()) {
				assertThat(workerOf(result)).isEqualTo("retry-survivor");
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> workers.schedule().size() == 0);
		System.out.printf("Killed mid-retry after %d ms: %d of 20 tasks in RETRY (%d stored by the killed worker, "
				+ "%d after their second failure), %d retries on the schedule; all 20 SUCCESS on attempt 3 after %d ms%n",
				killedAfter, atKill.stream().filter(WorkerKilledMidRetryIntegrationTests::isRetry).count(),
				atKill.stream().filter((result) -> isRetry(result) && workerOf(result).equals("retry-doomed")).count(),
				atKill.stream().filter((result) -> isRetry(result) && result.extended().retries() == 1).count(),
				scheduledAtKill, Duration.ofNanos(System.nanoTime() - sent).toMillis());
	}

	/**
	 * The tasks' results, {@code null} for a task with no state stored yet.
	 */
	private static List<TaskResult> results(List<TaskHandle> handles) {
		return handles.stream().map(TaskHandle::result).toList();
	}

	private static boolean isRetry(TaskResult result) {
		return result != null && TaskState.RETRY.equals(result.state());
	}

}
