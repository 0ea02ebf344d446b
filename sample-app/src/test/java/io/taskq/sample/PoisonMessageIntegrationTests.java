package io.taskq.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.worker.outcome.DeadLetterOutcomeHandler;

import static io.taskq.sample.WorkerProcesses.workerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A task whose workers keep dying while it runs (as a task that makes the kernel's OOM killer strike would): each
 * worker that takes it is killed with SIGKILL, and the broker redelivers it to the next. Past the maximum number
 * of redeliveries it is dead-lettered as poison, FAILURE is stored, and the fleet stops dying.
 */
class PoisonMessageIntegrationTests {

	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses("--taskq.worker.max-redeliveries=2");

	@Test
	void aTaskThatKillsEveryWorkerThatRunsItIsDeadLetteredAsPoison() throws Exception {
		Map<String, Process> alive = new LinkedHashMap<>();
		List<Process> started = workers.start("poison-1", "poison-2");
		alive.put("poison-1", started.get(0));
		alive.put("poison-2", started.get(1));
		TaskHandle handle = workers.tasks().send("tasks.sleep", 600_000);
		int kills = 0;
		while (true) {
			TaskResult result = await().atMost(Duration.ofSeconds(60)).until(handle::result,
					(stored) -> stored != null && (TaskState.FAILURE.equals(stored.state())
							|| (TaskState.STARTED.equals(stored.state()) && alive.containsKey(workerOf(stored)))));
			if (TaskState.FAILURE.equals(result.state())) {
				break;
			}
			workers.kill(alive.remove(workerOf(result)));
			kills++;
			String replacement = "poison-" + (kills + 2);
			alive.put(replacement, workers.start(replacement).get(0));
		}

		// The first delivery and two redeliveries each killed a worker; the third redelivery was poison.
		assertThat(kills).isEqualTo(3);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(1)))
			.satisfies((failure) -> {
				assertThat(failure.getRemoteType()).isEqualTo("WorkerLostError");
				assertThat(failure.getRemoteModule()).isEqualTo("billiard.exceptions");
			});
		Message deadLetter = workers.bean(RabbitTemplate.class)
			.receive(workers.property("taskq.worker.dead-letter-queue"), 10_000);
		assertThat(deadLetter).isNotNull();
		assertThat(deadLetter.getMessageProperties().getHeaders()).containsEntry(DeadLetterOutcomeHandler.REASON_HEADER,
				"poison");
		for (Process process : alive.values()) {
			assertThat(process.isAlive()).isTrue();
		}
		for (int i = 0; i < 4; i++) {
			assertThat(workers.tasks().send("tasks.add", 2, i).get(Duration.ofSeconds(30), Long.class)).isEqualTo(2 + i);
		}
	}

}
