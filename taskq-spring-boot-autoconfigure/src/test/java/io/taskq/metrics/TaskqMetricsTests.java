package io.taskq.metrics;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskTemplate;
import io.taskq.core.send.OutgoingTasks;
import io.taskq.protocol.TaskMessage;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TestExecutions;

import static org.assertj.core.api.Assertions.assertThat;

class TaskqMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TaskqMetrics metrics = new TaskqMetrics();

	@Test
	void countsSentTasksByTaskAndQueue() {
		this.metrics.bindTo(this.registry);
		this.metrics.taskSent(sent("tasks.add", "celery"));
		this.metrics.taskSent(sent("tasks.add", "celery"));
		this.metrics.taskSent(sent("tasks.mul", "math"));
		assertThat(this.registry.get("taskq.tasks.sent").tags("task", "tasks.add", "queue", "celery").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("taskq.tasks.sent").tags("task", "tasks.mul", "queue", "math").counter().count())
			.isEqualTo(1);
	}

	@Test
	void timesExecutionsByOutcomeAndTracksRunningTasks() {
		this.metrics.bindTo(this.registry);
		TaskExecution succeeding = execution(Instant.now().minusMillis(40).toEpochMilli());
		TaskExecution failing = execution(null);
		started(succeeding);
		started(failing);
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isEqualTo(2);
		this.metrics.taskCompleted(succeeding, new TaskOutcome.Succeeded(null));
		this.metrics.taskCompleted(failing, new TaskOutcome.Failed(new IllegalStateException("no")));
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isZero();
		assertThat(this.registry.get("taskq.task.execution").tags("task", "tasks.add", "outcome", "success").timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("taskq.task.execution").tags("task", "tasks.add", "outcome", "failure").timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("taskq.task.queue.wait").tag("task", "tasks.add").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("taskq.task.queue.wait").tag("task", "tasks.add").timer()
			.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(40);
	}

	@Test
	void aTaskWhoseProcessingFailedNoLongerRuns() {
		this.metrics.bindTo(this.registry);
		TaskExecution stopped = execution(null);
		TaskExecution completed = execution(null);
		started(stopped);
		started(completed);
		this.metrics.taskCompleted(stopped, new TaskOutcome.Requeued(new IllegalStateException("worker stopped")));
		this.metrics.taskCompleted(completed, new TaskOutcome.Succeeded(null));
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isZero();
		assertThat(this.registry.get("taskq.task.execution").tags("task", "tasks.add", "outcome", "failure").timer()
			.count()).isEqualTo(1);
	}

	@Test
	void anOutcomeOfATaskThatNeverStartedIsNotTimed() {
		this.metrics.bindTo(this.registry);
		this.metrics.taskCompleted(execution(null), new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED,
				"revoked"));
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isZero();
		assertThat(this.registry.find("taskq.task.execution").timer()).isNull();
	}

	@Test
	void countsDeadLettersByReasonOnly() {
		this.metrics.bindTo(this.registry);
		this.metrics.taskCompleted(execution(null),
				new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException("bad"), null));
		this.metrics.taskCompleted(execution(null),
				new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException("bad"), null));
		assertThat(this.registry.get("taskq.messages.dead.lettered").tag("reason", "malformed-body").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("taskq.messages.dead.lettered").meter().getId().getTags()).hasSize(1);
	}

	private static OutgoingTask sent(String task, String queue) {
		OutgoingTask sent = OutgoingTasks.of(task);
		sent.setQueue(queue);
		return sent;
	}

	private void started(TaskExecution execution) {
		this.metrics.taskStarted(execution);
		execution.handlerStarted();
		execution.handlerEnded();
	}

	private static TaskExecution execution(Long sentAt) {
		TaskMessage.Builder message = TaskMessage.builder("tasks.add", UUID.randomUUID().toString());
		if (sentAt != null) {
			message.header(TaskTemplate.SENT_AT_HEADER, sentAt);
		}
		return TestExecutions.execution(message.build(), TestExecutions.task("tasks.add", new Object() {

			@SuppressWarnings("unused")
			int add() {
				return 0;
			}

		}, "add"));
	}

	@Test
	void recordsNothingBeforeBinding() {
		this.metrics.taskSent(sent("tasks.add", "celery"));
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.find("taskq.tasks.sent").counter()).isNull();
	}

}
