package io.taskq.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;
import io.taskq.store.redis.RedisTaskSchedule;
import io.taskq.worker.outcome.DeadLetterOutcomeHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Workers stopped while a task runs (what SIGTERM does once the shutdown timeout has passed: the task's thread is
 * interrupted and its message goes back to the queue). A long task that switched to its Redis lease is not lost
 * but runs on another worker; a message that never gets past its run, one worker after another, is dead-lettered
 * as poison.
 */
class WorkerStoppedMidTaskIntegrationTests {

	static final String DEAD_LETTERS = TestQueues.unique("stopped-mid-task-dlq");

	@RegisterExtension
	static final WorkerContexts workers = new WorkerContexts("stopped-mid-task",
			"taskq.worker.dead-letter-queue=" + DEAD_LETTERS, "taskq.worker.concurrency=1",
			"taskq.worker.shutdown-timeout=500ms");

	static ConfigurableApplicationContext producer;

	@BeforeAll
	static void startProducer() {
		producer = workers.start("stopped-producer", "taskq.worker.enabled=false");
	}

	@Test
	void aLeasedTaskWhoseWorkerStopsMidRunCompletesOnAnotherWorker() {
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		RedisTaskSchedule schedule = producer.getBean(RedisTaskSchedule.class);
		// A lease of ten minutes: only a copy made due at once, not one whose lease lapsed, runs within the test.
		ConfigurableApplicationContext first = workers.start("leased-first", "taskq.worker.lease-after=500ms",
				"taskq.worker.lease=10m");
		TaskHandle handle = tasks.send("apps.slow", 15_000);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> WorkerApps.started("leased-first").contains(handle.id()) && schedule.size() == 1);

		first.close();
		workers.start("leased-second");

		assertThat(handle.get(Duration.ofSeconds(60), String.class)).isEqualTo("leased-second");
		assertThat(WorkerApps.finished("leased-first")).doesNotContain(handle.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> schedule.size() == 0);
	}

	@Test
	void aMessageRedeliveredMoreThanMaxRedeliveriesWithoutAnOutcomeIsDeadLetteredAsPoison() {
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		TaskHandle handle = tasks.send("apps.slow", 600_000);
		// The first delivery and three redeliveries (the default maximum), each worker stopped mid-task.
		for (int run = 1; run <= 4; run++) {
			String worker = "poisoned-" + run;
			ConfigurableApplicationContext context = workers.start(worker);
			await().atMost(Duration.ofSeconds(30)).until(() -> WorkerApps.started(worker).contains(handle.id()));
			context.close();
		}
		workers.start("poison-survivor");

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(30)))
			.satisfies((failure) -> {
				assertThat(failure.getRemoteType()).isEqualTo("WorkerLostError");
				assertThat(failure.getRemoteModule()).isEqualTo("billiard.exceptions");
				assertThat(failure.getRemoteMessage()).contains("redelivered 4 times");
			});
		assertThat(handle.state()).isEqualTo(TaskState.FAILURE);
		RabbitTemplate rabbit = producer.getBean(RabbitTemplate.class);
		Message deadLetter = rabbit.receive(DEAD_LETTERS, 10_000);
		assertThat(deadLetter).isNotNull();
		Map<String, Object> headers = deadLetter.getMessageProperties().getHeaders();
		assertThat(headers).containsEntry(DeadLetterOutcomeHandler.REASON_HEADER, "poison").containsEntry("id", handle.id());
		assertThat(WorkerApps.started("poison-survivor")).doesNotContain(handle.id());
		assertThat(tasks.send("apps.echo", "still working").get(Duration.ofSeconds(30))).isEqualTo("still working");
		assertThat(producer.getBean(StringRedisTemplate.class).hasKey(workers.keyPrefix() + "redeliveries:" + handle.id()))
			.as("the redelivery count is cleared").isFalse();
	}

}
