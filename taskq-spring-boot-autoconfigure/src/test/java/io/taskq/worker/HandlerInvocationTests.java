package io.taskq.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

import io.taskq.core.SoftTimeLimitExceededException;
import io.taskq.core.TaskContext;
import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskErrors;

import static io.taskq.worker.TestExecutions.JSON;
import static io.taskq.worker.TestExecutions.endpointBuilder;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of {@link HandlerInvocation}, the end of every chain, through {@link TaskChains}.
 */
class HandlerInvocationTests {

	private final List<String> events = new ArrayList<>();

	private final TaskChains chains = new TaskChains(List.of(), List.of(new TaskLifecycleListener() {

		@Override
		public void taskStarted(TaskExecution execution) {
			HandlerInvocationTests.this.events.add("started, handler ran: " + execution.handlerRan());
		}

	}));

	private final Handlers handlers = new Handlers(this.events);

	@Test
	void aHandlerThatReturnsSucceedsWithWhatItReturnedAsJson() throws Exception {
		TaskExecution execution = execution("add", JSON.createArrayNode().add(2).add(3));
		assertThat(this.chains.run(execution)).isEqualTo(new TaskOutcome.Succeeded(IntNode.valueOf(5)));
		assertThat(execution.handlerRan()).isTrue();
	}

	@Test
	void theListenersAreToldBeforeTheHandlerRunsWithItsContextCurrent() throws Exception {
		TaskOutcome outcome = this.chains.run(execution("whoAmI", JSON.createArrayNode()));
		assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(StringNode.valueOf("t-1")));
		assertThat(this.events).containsExactly("started, handler ran: false", "handler");
		assertThat(TaskContext.current()).isNull();
	}

	@Test
	void argumentsThatDoNotFitTheHandlerRejectTheMessage() throws Exception {
		TaskOutcome outcome = this.chains.run(execution("add", JSON.createArrayNode().add("two").add(3)));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.reason()).isEqualTo("invalid-arguments");
			assertThat(rejected.error()).isInstanceOf(TaskArgumentException.class);
			assertThat(rejected.storedError()).isEqualTo(TaskErrors.of(rejected.error()));
		});
		assertThat(this.events).doesNotContain("handler");
	}

	@Test
	void aRetryTheHandlerAskedForIsRequestedWithItsCountdownAndCause() throws Exception {
		TaskOutcome outcome = this.chains.run(execution("retry", JSON.createArrayNode()));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.RetryRequested.class, (requested) -> {
			assertThat(requested.request().getCountdown()).isEqualTo(Duration.ofSeconds(5));
			assertThat(requested.request().getCause()).isInstanceOf(IOException.class).hasMessage("later");
		});
	}

	@Test
	void anExceptionTheHandlerThrewFailsTheTask() throws Exception {
		TaskOutcome outcome = this.chains.run(execution("fail", JSON.createArrayNode()));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
				(failed) -> assertThat(failed.error()).isInstanceOf(IllegalStateException.class).hasMessage("boom"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "assertion", "overflow", "outOfMemory" })
	void anErrorOfTheHandlersOwnMakingFailsTheTask(String method) throws Exception {
		TaskExecution execution = execution(method, JSON.createArrayNode());
		assertThat(this.chains.run(execution)).isInstanceOfSatisfying(TaskOutcome.Failed.class,
				(failed) -> assertThat(failed.error()).isInstanceOf(Error.class));
	}

	@Test
	void anErrorThatSaysTheJvmIsBrokenIsThrownOn() {
		assertThatExceptionOfType(InternalError.class)
			.isThrownBy(() -> this.chains.run(execution("internal", JSON.createArrayNode())));
	}

	@Test
	void anInterruptIsThrownOnForTheWorkerIsStopping() {
		TaskExecution execution = execution("interrupted", JSON.createArrayNode());
		assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> this.chains.run(execution));
		assertThat(execution.handlerRan()).isTrue();
	}

	@Test
	void anInterruptOnceTheSoftTimeLimitPassedFailsWithSoftTimeLimitExceeded() throws Exception {
		TaskOutcome outcome = this.chains.run(execution("softLimited", JSON.createArrayNode()));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
				(failed) -> assertThat(failed.error()).isInstanceOf(SoftTimeLimitExceededException.class)
					.hasCauseInstanceOf(InterruptedException.class));
	}

	private TaskExecution execution(String method, ArrayNode args) {
		return TestExecutions.execution(TaskMessage.builder("tasks." + method, "t-1").args(args).build(),
				task(endpointBuilder("tasks." + method, this.handlers, method).build()));
	}

	static class Handlers {

		private final List<String> events;

		Handlers(List<String> events) {
			this.events = events;
		}

		int add(int a, int b) {
			this.events.add("handler");
			return a + b;
		}

		String whoAmI(TaskContext context) {
			this.events.add("handler");
			return (TaskContext.current() == context) ? context.getTaskId() : "another context";
		}

		void retry(TaskContext context) {
			throw context.retry(Duration.ofSeconds(5), new IOException("later"));
		}

		void fail() {
			throw new IllegalStateException("boom");
		}

		void assertion() {
			throw new AssertionError("expected otherwise");
		}

		void overflow() {
			throw new StackOverflowError();
		}

		void outOfMemory() {
			throw new OutOfMemoryError("a buffer too large");
		}

		void internal() {
			throw new InternalError("the JVM is broken");
		}

		void interrupted() throws InterruptedException {
			throw new InterruptedException();
		}

		void softLimited(TaskContext context) throws InterruptedException {
			context.markSoftTimeLimitExceeded();
			throw new InterruptedException();
		}

	}

}
