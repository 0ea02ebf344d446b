package io.taskq.worker.outcome;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.core.TaskRetryException;
import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskErrors;
import io.taskq.store.FailedTask;
import io.taskq.store.fake.InMemoryFailedTaskStore;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class FailedTaskOutcomeHandlerTests {

	private final InMemoryFailedTaskStore failedTasks = new InMemoryFailedTaskStore();

	private final FailedTaskOutcomeHandler handler = new FailedTaskOutcomeHandler(this.failedTasks,
			Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));

	private final RegisteredTask task = task(addEndpoint().build());

	@Test
	void aTaskThatFailedForGoodIsKeptWithItsMessage() {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).retries(2).build(), this.task);
		IOException error = new IOException("timeout");
		this.handler.apply(execution, new TaskOutcome.Failed(error));
		assertThat(this.failedTasks.get("t-1")).contains(new FailedTask("t-1", "tasks.add", "queue", 2,
				"java.io.IOException", "timeout", TaskErrors.traceback(error), NOW.plusSeconds(1)));
		assertThat(this.failedTasks.message("t-1")).contains(execution.wireMessage());
	}

	@Test
	void otherOutcomesKeepNothing() {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		List<TaskOutcome> outcomes = List.of(new TaskOutcome.Succeeded(null),
				new TaskOutcome.RetryRequested(new TaskRetryException(null, new IOException("no"))),
				new TaskOutcome.Retrying(execution.wireMessage(), NOW, Duration.ZERO, new IOException("no")),
				new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.TERMINATED, "terminated"),
				new TaskOutcome.Rejected("invalid-arguments", new IOException("no"), null),
				new TaskOutcome.Deferred(execution.wireMessage(), NOW, "its ETA"),
				new TaskOutcome.Dropped("finished elsewhere"));
		outcomes.forEach((outcome) -> this.handler.apply(execution, outcome));
		assertThat(this.failedTasks.list(10)).isEmpty();
	}

	@Test
	void aTaskFromNoKnownQueueIsNotKeptHavingNowhereToGoBack() {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		this.handler.apply(execution(delivery(message, null, false), message, this.task),
				new TaskOutcome.Failed(new IOException("timeout")));
		assertThat(this.failedTasks.list(10)).isEmpty();
	}

}
