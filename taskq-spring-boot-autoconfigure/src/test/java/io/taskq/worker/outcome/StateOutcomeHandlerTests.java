package io.taskq.worker.outcome;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;

import io.taskq.core.TaskRetryException;
import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskStateWriter;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.settings;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class StateOutcomeHandlerTests {

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final StateOutcomeHandler handler = new StateOutcomeHandler(new TaskStateWriter(this.results,
			settings(false)));

	private final TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));

	private final TaskExecution storingNothing = execution(addMessage("t-1", 2, 3).build(),
			task(addEndpoint().storeResult(false).build()));

	@Test
	void aSuccessStoresSuccessWithTheResult() {
		this.handler.apply(this.execution, new TaskOutcome.Succeeded(IntNode.valueOf(5)));
		assertThat(stored().state()).isEqualTo(TaskState.SUCCESS);
		assertThat(stored().result()).isEqualTo(IntNode.valueOf(5));
		assertThat(stored().traceback()).isNull();
	}

	@Test
	void aFailureStoresFailureWithTheExceptionAndItsTraceback() {
		IllegalStateException error = new IllegalStateException("boom");
		this.handler.apply(this.execution, new TaskOutcome.Failed(error));
		assertThat(stored().state()).isEqualTo(TaskState.FAILURE);
		assertThat(stored().result()).isEqualTo(TaskErrors.of(error));
		assertThat(stored().traceback()).isEqualTo(TaskErrors.traceback(error));
	}

	@Test
	void aRetryStoresRetryWithItsCauseAndItsTraceback() {
		IOException cause = new IOException("timeout");
		this.handler.apply(this.execution, new TaskOutcome.Retrying(this.execution.wireMessage(),
				NOW.plusSeconds(10), Duration.ofSeconds(10), cause));
		assertThat(stored().state()).isEqualTo(TaskState.RETRY);
		assertThat(stored().result()).isEqualTo(TaskErrors.of(cause));
		assertThat(stored().traceback()).isEqualTo(TaskErrors.traceback(cause));
	}

	@Test
	void aRetryWithoutCauseStoresRetryWithoutExceptionButWithWhereItWasAskedFor() {
		TaskRetryException request = new TaskRetryException(null, null);
		this.handler.apply(this.execution, new TaskOutcome.Retrying(this.execution.wireMessage(),
				NOW.plusSeconds(10), Duration.ofSeconds(10), request));
		assertThat(stored().state()).isEqualTo(TaskState.RETRY);
		assertThat(stored().result()).isNull();
		assertThat(stored().traceback()).isEqualTo(TaskErrors.traceback(request));
	}

	@Test
	void aRevokedExpiredOrTerminatedTaskStoresRevokedEvenIfItStoresNoResults() {
		for (TaskOutcome.Revoked.Kind kind : List.of(TaskOutcome.Revoked.Kind.REVOKED,
				TaskOutcome.Revoked.Kind.EXPIRED, TaskOutcome.Revoked.Kind.TERMINATED)) {
			this.results.delete("t-1");
			this.handler.apply(this.storingNothing, new TaskOutcome.Revoked(kind, "why"));
			assertThat(stored().state()).isEqualTo(TaskState.REVOKED);
			assertThat(stored().result())
				.isEqualTo(TaskErrors.of("TaskRevokedError", "celery.exceptions", "why"));
		}
	}

	@Test
	void aSkippedTaskStoresRevokedOnlyIfItStoresResults() {
		TaskOutcome.Revoked skipped = new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.SKIPPED,
				"skipped: exclusive key '2' is held by another run");
		this.handler.apply(this.storingNothing, skipped);
		assertThat(this.results.writes()).isEmpty();
		this.handler.apply(this.execution, skipped);
		assertThat(stored().state()).isEqualTo(TaskState.REVOKED);
		assertThat(stored().result()).isEqualTo(TaskErrors.of("TaskRevokedError", "celery.exceptions",
				"skipped: exclusive key '2' is held by another run"));
	}

	@Test
	void aRejectedMessageStoresFailureByItsTaskIdWithTheErrorToStore() {
		IllegalArgumentException error = new IllegalArgumentException("not registered");
		this.handler.apply(unrunnable("t-1"),
				new TaskOutcome.Rejected("not-registered", error, TaskErrors.notRegistered("tasks.add")));
		assertThat(stored().state()).isEqualTo(TaskState.FAILURE);
		assertThat(stored().result()).isEqualTo(TaskErrors.notRegistered("tasks.add"));
		assertThat(stored().traceback()).isEqualTo(TaskErrors.traceback(error));
	}

	@Test
	void aRejectedMessageStoresFailureWithItsErrorWhenToldNoOtherError() {
		IllegalArgumentException error = new IllegalArgumentException("bad body");
		this.handler.apply(unrunnable("t-1"), new TaskOutcome.Rejected("malformed-body", error, null));
		assertThat(stored().result()).isEqualTo(TaskErrors.of(error));
	}

	@Test
	void aRejectedMessageWithoutTaskIdStoresNothing() {
		this.handler.apply(unrunnable(null),
				new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException("bad body"), null));
		assertThat(this.results.writes()).isEmpty();
	}

	@Test
	void aTaskThatStoresNoResultsStoresNoSuccessFailureOrRetry() {
		TaskExecution ignoringResult = execution(addMessage("t-1", 2, 3).ignoreResult(true).build(),
				task(addEndpoint().build()));
		for (TaskExecution execution : List.of(this.storingNothing, ignoringResult)) {
			this.handler.apply(execution, new TaskOutcome.Succeeded(null));
			this.handler.apply(execution, new TaskOutcome.Failed(new IOException("no")));
			this.handler.apply(execution, new TaskOutcome.Retrying(execution.wireMessage(), NOW,
					Duration.ZERO, new IOException("no")));
		}
		assertThat(this.results.writes()).isEmpty();
	}

	@Test
	void aDeferredOrDroppedTaskStoresNothing() {
		this.handler.apply(this.execution,
				new TaskOutcome.Deferred(this.execution.wireMessage(), NOW.plusSeconds(1), "its rate limit"));
		this.handler.apply(this.execution, new TaskOutcome.Dropped("finished elsewhere"));
		assertThat(this.results.writes()).isEmpty();
	}

	private TaskResult stored() {
		assertThat(this.results.get("t-1")).isNotNull();
		return this.results.get("t-1");
	}

	private static TaskExecution unrunnable(String taskId) {
		return TaskExecution.unrunnable(delivery(addMessage("t-1", 2, 3).build(), "queue", false), NOW, taskId,
				"tasks.add");
	}

}
