package io.taskq.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.taskq.core.TaskObserver.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class TaskqMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TaskqMetrics metrics = new TaskqMetrics();

	@Test
	void countsSentTasksByTaskAndQueue() {
		this.metrics.bindTo(this.registry);
		this.metrics.taskSent("tasks.add", "celery");
		this.metrics.taskSent("tasks.add", "celery");
		this.metrics.taskSent("tasks.mul", "math");
		assertThat(this.registry.get("taskq.tasks.sent").tags("task", "tasks.add", "queue", "celery").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("taskq.tasks.sent").tags("task", "tasks.mul", "queue", "math").counter().count())
			.isEqualTo(1);
	}

	@Test
	void timesExecutionsByOutcomeAndTracksRunningTasks() {
		this.metrics.bindTo(this.registry);
		this.metrics.taskStarted("tasks.add", Duration.ofMillis(40));
		this.metrics.taskStarted("tasks.add", null);
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isEqualTo(2);
		this.metrics.taskFinished("tasks.add", Outcome.SUCCESS, Duration.ofMillis(5));
		this.metrics.taskFinished("tasks.add", Outcome.FAILURE, Duration.ofMillis(7));
		assertThat(this.registry.get("taskq.tasks.running").gauge().value()).isZero();
		assertThat(this.registry.get("taskq.task.execution").tags("task", "tasks.add", "outcome", "success").timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("taskq.task.execution").tags("task", "tasks.add", "outcome", "failure").timer()
			.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(7);
		assertThat(this.registry.get("taskq.task.queue.wait").tag("task", "tasks.add").timer().count()).isEqualTo(1);
	}

	@Test
	void countsDeadLettersByReasonOnly() {
		this.metrics.bindTo(this.registry);
		this.metrics.messageDeadLettered("malformed-body", "attacker.chosen.name");
		this.metrics.messageDeadLettered("malformed-body", null);
		assertThat(this.registry.get("taskq.messages.dead.lettered").tag("reason", "malformed-body").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("taskq.messages.dead.lettered").meter().getId().getTags()).hasSize(1);
	}

	@Test
	void recordsNothingBeforeBinding() {
		this.metrics.taskSent("tasks.add", "celery");
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.find("taskq.tasks.sent").counter()).isNull();
	}

}
