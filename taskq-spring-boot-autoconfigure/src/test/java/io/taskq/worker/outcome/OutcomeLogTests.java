package io.taskq.worker.outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.taskq.core.TaskRetryException;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

@ExtendWith(OutputCaptureExtension.class)
class OutcomeLogTests {

	private final OutcomeLog log = new OutcomeLog("taskq.dead-letter");

	private final TaskExecution execution = execution(addMessage("t-1", 2, 3).expires(NOW).build(),
			task(addEndpoint().build()));

	@Test
	void neverThrowsForAnyOutcome() {
		List<TaskOutcome> outcomes = new ArrayList<>(List.of(new TaskOutcome.Succeeded(null),
				new TaskOutcome.Failed(new IllegalStateException()), new TaskOutcome.Requeued(new IllegalStateException()), new TaskOutcome.RetryRequested(new TaskRetryException(null, null)),
				new TaskOutcome.Retrying(this.execution.wireMessage(), NOW, Duration.ZERO, new TaskRetryException(null, null)),
				new TaskOutcome.Retrying(this.execution.wireMessage(), NOW, Duration.ZERO,
						new IllegalStateException("cause")),
				new TaskOutcome.Deferred(this.execution.wireMessage(), NOW, "its ETA"),
				new TaskOutcome.Rejected("invalid-arguments", new IllegalArgumentException(), null),
				new TaskOutcome.Dropped("finished elsewhere")));
		for (TaskOutcome.Revoked.Kind kind : TaskOutcome.Revoked.Kind.values()) {
			outcomes.add(new TaskOutcome.Revoked(kind, "why"));
		}
		outcomes.forEach((outcome) -> assertThatNoException().as(outcome.toString())
			.isThrownBy(() -> this.log.taskCompleted(this.execution, outcome)));
		for (TaskExecution unrunnable : List.of(unrunnable("t-1", "tasks.add"), unrunnable(null, "tasks.add"),
				unrunnable(null, null))) {
			assertThatNoException().isThrownBy(() -> this.log.taskCompleted(unrunnable,
					new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException(), null)));
		}
	}

	@Test
	void logsARejectionWithTheDeadLetterQueueAndWhy(CapturedOutput output) {
		this.log.taskCompleted(unrunnable(null, "tasks.add"),
				new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException("bad body"), null));
		assertThat(output).contains("Rejected message from queue 'queue' tasks.add[?] to dead-letter queue "
				+ "'taskq.dead-letter': malformed-body: bad body");
	}

	@Test
	void logsAFailureWithItsStackTrace(CapturedOutput output) {
		this.log.taskCompleted(this.execution, new TaskOutcome.Failed(new IllegalStateException("boom")));
		assertThat(output).contains("Task tasks.add[t-1] failed: java.lang.IllegalStateException: boom")
			.contains("at io.taskq.worker.outcome.OutcomeLogTests.logsAFailureWithItsStackTrace");
	}

	private static TaskExecution unrunnable(String taskId, String taskName) {
		return TaskExecution.unrunnable(delivery(addMessage("t-1", 2, 3).build(), "queue", false), NOW, taskId,
				taskName);
	}

}
