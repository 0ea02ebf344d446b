package io.taskq.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.core.Attribute;
import io.taskq.protocol.TaskMessage;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.complete;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TaskExecutionTests {

	private final TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));

	private final List<String> completed = new ArrayList<>();

	@Test
	void completionCallbacksRunInReverseOrderOfRegistrationGivenTheAppliedOutcome() {
		TaskOutcome outcome = new TaskOutcome.Succeeded(null);
		this.execution.whenCompleted((applied) -> this.completed.add("first " + (applied == outcome)));
		this.execution.whenCompleted((applied) -> this.completed.add("second " + (applied == outcome)));
		complete(this.execution, outcome);
		assertThat(this.completed).containsExactly("second true", "first true");
	}

	@Test
	void completionCallbacksAreGivenNoOutcomeWhenProcessingFailed() {
		this.execution.whenCompleted((applied) -> this.completed.add("applied " + applied));
		complete(this.execution, null);
		assertThat(this.completed).containsExactly("applied null");
	}

	@Test
	void aCompletionCallbackThatThrowsDoesNotStopTheOthers() {
		this.execution.whenCompleted((applied) -> this.completed.add("first"));
		this.execution.whenCompleted((applied) -> {
			throw new IllegalStateException("lease store down");
		});
		this.execution.whenCompleted((applied) -> this.completed.add("third"));
		complete(this.execution, new TaskOutcome.Succeeded(null));
		assertThat(this.completed).containsExactly("third", "first");
	}

	@Test
	void attributesAreTypedAndTellApartByIdentity() {
		Attribute<String> one = new Attribute<>("key", String.class);
		Attribute<String> another = new Attribute<>("key", String.class);
		assertThat(this.execution.attribute(one)).isNull();
		this.execution.setAttribute(one, "value");
		assertThat(this.execution.attribute(one)).isEqualTo("value");
		assertThat(this.execution.attribute(another)).isNull();
	}

	@Test
	void theOutcomeIsStoredIfTheTaskStoresResultsAndTheMessageDoesNotIgnoreThem() {
		assertThat(this.execution.storesResult()).isTrue();
		assertThat(execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().storeResult(false).build()))
			.storesResult()).isFalse();
		assertThat(execution(addMessage("t-1", 2, 3).ignoreResult(true).build(), task(addEndpoint().build()))
			.storesResult()).isFalse();
		assertThat(execution(addMessage("t-1", 2, 3).ignoreResult(false).build(), task(addEndpoint().build()))
			.storesResult()).isTrue();
	}

	@Test
	void theHandlersRunIsTimedFromItsStartToItsEnd() {
		assertThat(this.execution.handlerRan()).isFalse();
		assertThat(this.execution.handlerDuration()).isZero();
		this.execution.handlerStarted();
		this.execution.handlerEnded();
		assertThat(this.execution.handlerRan()).isTrue();
		Duration duration = this.execution.handlerDuration();
		assertThat(duration.isNegative()).isFalse();
		assertThat(this.execution.handlerDuration()).as("no longer counting").isEqualTo(duration);
	}

	@Test
	void anUnrunnableMessageHasOnlyWhatItsHeadersRevealed() {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		TaskExecution unrunnable = TaskExecution.unrunnable(delivery(message, "queue", false), NOW, "t-1", null);
		assertThat(unrunnable.isRunnable()).isFalse();
		assertThat(unrunnable.taskId()).isEqualTo("t-1");
		assertThat(unrunnable.taskName()).isNull();
		assertThat(unrunnable.storesResult()).isFalse();
		assertThat(unrunnable).hasToString("tasks.add[t-1]");
		assertThatIllegalStateException().isThrownBy(unrunnable::message);
		assertThatIllegalStateException().isThrownBy(unrunnable::task);
		assertThatIllegalStateException().isThrownBy(unrunnable::context);
	}

}
