package io.taskq.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static io.taskq.sample.WorkerProcesses.workerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real worker JVMs, both promoting delayed tasks from the Redis schedule, share 100 tasks due over three
 * seconds; one is killed with SIGKILL while most of them still wait. The schedule lives in Redis, not in a
 * worker: the other promotes and runs every task, including any the killed one had claimed but not published.
 */
class WorkerKilledMidScheduleIntegrationTests {

	// A promoter's claim lasts 3 s, not 30 s: entries the killed one claimed fall due again soon.
	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses("--taskq.schedule.lease=3s");

	@Test
	void delayedTasksOfAKilledPromoterArePublishedByTheOther() throws Exception {
		Process doomed = workers.start("schedule-doomed", "schedule-survivor").get(0);
		long sent = System.nanoTime();
		List<TaskHandle> handles = new ArrayList<>();
		Map<String, Instant> due = new HashMap<>();
		for (int i = 0; i < 100; i++) {
			Duration countdown = Duration.ofMillis(1000 + 30 * i);
			Instant now = Instant.now();
			TaskHandle handle = workers.tasks()
				.send(TaskRequest.builder("tasks.add").args(i, i).countdown(countdown).build());
			handles.add(handle);
			due.put(handle.id(), now.plus(countdown));
		}
		// Kill once a fifth of the tasks ran, some on the doomed worker, while most still wait on the schedule.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<TaskResult> done = handles.stream()
				.map(TaskHandle::result)
				.filter((result) -> result != null && result.isReady())
				.toList();
			return done.size() >= 20 && done.stream().anyMatch(WorkerKilledMidScheduleIntegrationTests::isDoomed)
					&& workers.schedule().size() >= 40;
		});
		workers.kill(doomed);
		long killedAfter = Duration.ofNanos(System.nanoTime() - sent).toMillis();
		List<Boolean> readyAtKill = handles.stream().map(TaskHandle::isReady).toList();
		Set<TypedTuple<String>> scheduledAtKill = workers.bean(StringRedisTemplate.class)
			.opsForZSet()
			.rangeWithScores(workers.property("taskq.redis.key-prefix") + "schedule", 0, -1);
		// A claimed entry's due time moved a lease ahead; unclaimed ones are due when their task is.
		long claimedAtKill = scheduledAtKill.stream()
			.filter((entry) -> entry.getScore() > due.get(taskId(entry.getValue())).plusSeconds(1).toEpochMilli())
			.count();

		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).get(Duration.ofSeconds(30), Long.class)).isEqualTo(2L * i);
		}
		Duration latest = Duration.ZERO;
		int doneByDoomed = 0;
		for (int i = 0; i < handles.size(); i++) {
			TaskResult result = handles.get(i).result();
			assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
			if (!readyAtKill.get(i)) {
				assertThat(result.extended().worker()).isEqualTo("schedule-survivor");
			}
			doneByDoomed += isDoomed(result) ? 1 : 0;
			Duration late = Duration.between(due.get(result.taskId()), result.dateDone().toInstant());
			latest = (late.compareTo(latest) > 0) ? late : latest;
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> workers.schedule().size() == 0);
		System.out.printf("Killed mid-schedule after %d ms: %d of 100 tasks on the schedule (%d of them claimed by a "
				+ "promoter, not yet completed), %d done (%d by the killed worker); all 100 SUCCESS, the latest %d ms "
				+ "after its due time; schedule empty after %d ms%n", killedAfter, scheduledAtKill.size(), claimedAtKill,
				readyAtKill.stream().filter((ready) -> ready).count(), doneByDoomed, latest.toMillis(),
				Duration.ofNanos(System.nanoTime() - sent).toMillis());
	}

	private static boolean isDoomed(TaskResult result) {
		return workerOf(result).equals("schedule-doomed");
	}

	private static String taskId(String entryId) {
		return entryId.substring(0, entryId.lastIndexOf('|'));
	}

}
