package io.taskq.worker;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.taskq.protocol.TaskMessage;

import static io.taskq.worker.TestExecutions.endpointBuilder;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class TaskChainsTests {

	private static final TaskOutcome REVOKED = new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked");

	private final List<String> events = new ArrayList<>();

	private final RegisteredTask task = task(endpointBuilder("tasks.run", new Handler(this.events), "run").build());

	@Test
	void aTaskRunsThroughTheStepsThatApplyInTheirOrderToItsHandler() throws Exception {
		TaskChains chains = new TaskChains(List.of(new Step("c", 300), new Step("a", 100),
				new Step("not applying", 150).applyingTo("tasks.other"), new Step("b", 200)), List.of());
		TaskOutcome outcome = chains.run(execution(this.task));
		assertThat(this.events).containsExactly("a", "b", "c", "handler");
		assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(null));
	}

	@Test
	void aStepThatEndsTheRunStopsTheChainBeforeTheHandler() throws Exception {
		TaskChains chains = new TaskChains(List.of(new Step("a", 100), new Step("b", 200).endingWith(REVOKED),
				new Step("c", 300)), List.of());
		assertThat(chains.run(execution(this.task))).isSameAs(REVOKED);
		assertThat(this.events).containsExactly("a", "b");
	}

	@Test
	void aStepGetsWhatTheRestOfTheChainReturnedAndMayChangeIt() throws Exception {
		TaskOutcome.Dropped dropped = new TaskOutcome.Dropped("changed");
		TaskInterceptor changing = new TestInterceptor(0, (execution, chain) -> {
			assertThat(chain.proceed(execution)).isEqualTo(new TaskOutcome.Succeeded(null));
			return dropped;
		});
		assertThat(new TaskChains(List.of(changing), List.of()).run(execution(this.task))).isSameAs(dropped);
	}

	@Test
	void eachTasksChainIsCompiledOnceFromTheStepsThatApplyToIt() throws Exception {
		Step onlyRun = new Step("only run", 100).applyingTo("tasks.run");
		TaskChains chains = new TaskChains(List.of(onlyRun, new Step("every task", 200)), List.of());
		RegisteredTask other = task(endpointBuilder("tasks.other", new Handler(this.events), "run").build());
		chains.run(execution(this.task));
		chains.run(execution(this.task));
		chains.run(execution(other));
		assertThat(this.events).containsExactly("only run", "every task", "handler", "only run", "every task",
				"handler", "every task", "handler");
		assertThat(onlyRun.appliesAsked).isEqualTo(2);
	}

	@Test
	void theChainOfATaskListsTheStepsThatApplyToItInOrder() {
		Step a = new Step("a", 100);
		Step b = new Step("b", 200);
		Step skipped = new Step("skipped", 150).applyingTo("tasks.other");
		assertThat(new TaskChains(List.of(b, skipped, a), List.of()).chainOf(this.task.endpoint()))
			.containsExactly(a, b);
	}

	private static TaskExecution execution(RegisteredTask task) {
		return TestExecutions.execution(TaskMessage.builder(task.endpoint().name(), "t-1").build(), task);
	}

	/**
	 * A step that records when it runs.
	 */
	private final class Step implements TaskInterceptor {

		private final String name;

		private final int order;

		private @Nullable String onlyTask;

		private @Nullable TaskOutcome ending;

		private int appliesAsked;

		Step(String name, int order) {
			this.name = name;
			this.order = order;
		}

		Step applyingTo(String task) {
			this.onlyTask = task;
			return this;
		}

		Step endingWith(TaskOutcome outcome) {
			this.ending = outcome;
			return this;
		}

		@Override
		public boolean appliesTo(TaskEndpoint endpoint) {
			this.appliesAsked++;
			return this.onlyTask == null || this.onlyTask.equals(endpoint.name());
		}

		@Override
		public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
			TaskChainsTests.this.events.add(this.name);
			return (this.ending != null) ? this.ending : chain.proceed(execution);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	static class Handler {

		private final List<String> events;

		Handler(List<String> events) {
			this.events = events;
		}

		void run() {
			this.events.add("handler");
		}

	}

}
