package io.taskq.worker;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.taskq.protocol.WireMessage;

import static io.taskq.worker.TestExecutions.CODEC;
import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TaskPipelineTests {

	private final List<String> events = new ArrayList<>();

	private final FakeDelivery delivery = delivery(addMessage("t-1", 2, 3).build(), "queue", false);

	private final TaskInterceptor step = new TestInterceptor(0, (execution, chain) -> {
		this.events.add("step");
		execution.whenCompleted((applied) -> this.events.add("completed " + name(applied) + settled()));
		return chain.proceed(execution);
	});

	private final TaskOutcomeElector elector = (execution, outcome) -> {
		this.events.add("elect " + name(outcome));
		return outcome;
	};

	private final TaskOutcomeHandler handler = (execution, outcome) -> this.events
		.add("apply " + name(outcome) + settled());

	private final TaskLifecycleListener listener = new TaskLifecycleListener() {

		@Override
		public void taskStarted(TaskExecution execution) {
			TaskPipelineTests.this.events.add("started");
		}

		@Override
		public void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
			TaskPipelineTests.this.events.add("told " + name(outcome) + settled());
		}

	};

	@Test
	void aDeliveryIsReadRunElectedAppliedCompletedToldAndThenAcknowledged() {
		pipeline(this.step, this.elector, this.handler).handle(this.delivery);
		assertThat(this.events).containsExactly("step", "started", "elect Succeeded", "apply Succeeded, unsettled",
				"completed Succeeded, unsettled", "told Succeeded, unsettled");
		assertThat(this.delivery.isAcked()).isTrue();
	}

	@Test
	void theOutcomeElectedIsTheOneAppliedCompletedAndTold() {
		TaskOutcomeElector dropping = (execution, outcome) -> new TaskOutcome.Dropped("finished elsewhere");
		pipeline(this.step, dropping, this.handler).handle(this.delivery);
		assertThat(this.events).containsExactly("step", "started", "apply Dropped, unsettled",
				"completed Dropped, unsettled", "told Dropped, unsettled");
	}

	@Test
	void aMessageThatCannotRunGoesStraightToItsRejection() {
		WireMessage malformed = new WireMessage("[1, 2".getBytes(), Map.of("id", "t-1", "task", "tasks.add"),
				"application/json", "utf-8", null, null, null, null);
		FakeDelivery unrunnable = new FakeDelivery(malformed, "queue", false);
		pipeline(this.step, this.elector, this.handler).handle(unrunnable);
		assertThat(this.events).containsExactly("elect Rejected", "apply Rejected, unsettled",
				"told Rejected, unsettled");
		assertThat(unrunnable.isAcked()).isTrue();
	}

	@Test
	void aFailureRunsTheCompletionCallbacksWithoutOutcomeTellsTheListenersAndIsThrownLeavingTheDeliveryUnsettled() {
		IllegalStateException storeDown = new IllegalStateException("store down");
		TaskOutcomeHandler failing = (execution, outcome) -> {
			throw storeDown;
		};
		assertThatIllegalStateException()
			.isThrownBy(() -> pipeline(this.step, this.elector, failing).handle(this.delivery))
			.isSameAs(storeDown);
		assertThat(this.events).containsExactly("step", "started", "elect Succeeded", "completed null, unsettled",
				"told Requeued, unsettled");
		assertThat(this.delivery.isSettled()).isFalse();
	}

	@Test
	void aCheckedFailureIsThrownAsAnIllegalState() {
		IOException failure = new IOException("disk full");
		TaskInterceptor failing = new TestInterceptor(1, (execution, chain) -> {
			throw failure;
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> pipeline(this.step, failing, this.elector, this.handler).handle(this.delivery))
			.withMessage("Could not process task tasks.add[t-1]: java.io.IOException: disk full")
			.withCause(failure);
		assertThat(this.events).containsExactly("step", "completed null, unsettled", "told Requeued, unsettled");
		assertThat(this.delivery.isSettled()).isFalse();
	}

	@Test
	void anInterruptIsThrownAsAnIllegalStateKeepingTheThreadInterrupted() {
		TaskInterceptor stopping = new TestInterceptor(1, (execution, chain) -> {
			throw new InterruptedException();
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> pipeline(this.step, stopping, this.elector, this.handler).handle(this.delivery))
			.withMessageStartingWith("Worker stopped while task tasks.add[t-1] ran")
			.withCauseInstanceOf(InterruptedException.class);
		assertThat(Thread.interrupted()).isTrue();
		assertThat(this.delivery.isSettled()).isFalse();
	}

	@Test
	void anErrorRunsTheCompletionCallbacksWithoutOutcomeTellsTheListenersAndIsThrownOn() {
		TaskInterceptor broken = new TestInterceptor(1, (execution, chain) -> {
			throw new InternalError("the JVM is broken");
		});
		assertThatExceptionOfType(InternalError.class)
			.isThrownBy(() -> pipeline(this.step, broken, this.elector, this.handler).handle(this.delivery));
		assertThat(this.events).containsExactly("step", "completed null, unsettled", "told Requeued, unsettled");
		assertThat(this.delivery.isSettled()).isFalse();
	}

	@Test
	void aListenerThatThrowsKeepsNeitherTheOthersNorTheAcknowledgement() {
		TaskLifecycleListener throwing = new TaskLifecycleListener() {

			@Override
			public void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
				throw new IllegalStateException("metrics down");
			}

		};
		new TaskPipeline(reader(), new TaskChains(List.of(), List.of()), new TaskOutcomes(List.of(), List.of()),
				List.of(throwing, this.listener))
			.handle(this.delivery);
		assertThat(this.events).containsExactly("told Succeeded, unsettled");
		assertThat(this.delivery.isAcked()).isTrue();
	}

	private TaskPipeline pipeline(TaskInterceptor step, TaskOutcomeElector elector, TaskOutcomeHandler handler) {
		return new TaskPipeline(reader(), new TaskChains(List.of(step), List.of(this.listener)),
				new TaskOutcomes(List.of(elector), List.of(handler)), List.of(this.listener));
	}

	private TaskPipeline pipeline(TaskInterceptor first, TaskInterceptor second, TaskOutcomeElector elector,
			TaskOutcomeHandler handler) {
		return new TaskPipeline(reader(), new TaskChains(List.of(first, second), List.of(this.listener)),
				new TaskOutcomes(List.of(elector), List.of(handler)), List.of(this.listener));
	}

	private static TaskReader reader() {
		return new TaskReader(CODEC, 1_000_000, Map.of(TestExecutions.ADD, task(addEndpoint().build()))::get,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private String settled() {
		return this.delivery.isSettled() ? ", settled" : ", unsettled";
	}

	private static String name(@Nullable TaskOutcome outcome) {
		return (outcome != null) ? outcome.getClass().getSimpleName() : "null";
	}

}
