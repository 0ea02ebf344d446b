package io.taskq.worker;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TaskOutcomesTests {

	private final List<String> applied = new ArrayList<>();

	private final TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));

	@Test
	void electorsElectInTheirOrderEachGivenWhatThePreviousOneElected() {
		TaskOutcomes outcomes = new TaskOutcomes(List.of(new Appending("2", 20), new Appending("1", 10)), List.of());
		assertThat(outcomes.elect(this.execution, new TaskOutcome.Dropped("0")))
			.isEqualTo(new TaskOutcome.Dropped("012"));
	}

	@Test
	void withoutElectorsTheOutcomeIsKept() {
		TaskOutcome outcome = new TaskOutcome.Succeeded(null);
		assertThat(new TaskOutcomes(List.of(), List.of()).elect(this.execution, outcome)).isSameAs(outcome);
	}

	@Test
	void handlersApplyTheOutcomeInTheirOrder() {
		TaskOutcome outcome = new TaskOutcome.Succeeded(null);
		new TaskOutcomes(List.of(), List.of(new Recording("state", 200), new Recording("schedule", 100),
				new Recording("dead letter", 400)))
			.apply(this.execution, outcome);
		assertThat(this.applied).containsExactly("schedule", "state", "dead letter");
	}

	@Test
	void aHandlerThatThrowsStopsTheOthersAndThrowsOn() {
		TaskOutcomeHandler failing = new TaskOutcomeHandler() {

			@Override
			public void apply(TaskExecution execution, TaskOutcome outcome) {
				throw new IllegalStateException("store down");
			}

			@Override
			public int getOrder() {
				return 150;
			}

		};
		TaskOutcomes outcomes = new TaskOutcomes(List.of(),
				List.of(new Recording("schedule", 100), failing, new Recording("state", 200)));
		assertThatIllegalStateException()
			.isThrownBy(() -> outcomes.apply(this.execution, new TaskOutcome.Succeeded(null)))
			.withMessage("store down");
		assertThat(this.applied).containsExactly("schedule");
	}

	private record Appending(String suffix, int order) implements TaskOutcomeElector {

		@Override
		public TaskOutcome elect(TaskExecution execution, TaskOutcome outcome) {
			return new TaskOutcome.Dropped(((TaskOutcome.Dropped) outcome).reason() + this.suffix);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	private final class Recording implements TaskOutcomeHandler {

		private final String name;

		private final int order;

		Recording(String name, int order) {
			this.name = name;
			this.order = order;
		}

		@Override
		public void apply(TaskExecution execution, TaskOutcome outcome) {
			TaskOutcomesTests.this.applied.add(this.name);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
