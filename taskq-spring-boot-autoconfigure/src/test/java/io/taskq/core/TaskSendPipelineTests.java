package io.taskq.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.send.OutgoingTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskSendPipelineTests {

	private final List<String> events = new ArrayList<>();

	private final TaskDispatcher dispatcher = (task) -> this.events.add("dispatch " + task.taskId());

	private final TaskSendListener listener = (task) -> this.events.add("sent " + task.taskId());

	@Test
	void runsTheInterceptorsInOrderThenTheDispatcherThenTheListeners() {
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(step("c", 300), step("a", 100), step("b", 200)),
				this.dispatcher, List.of(this.listener, (task) -> this.events.add("also sent")));
		TaskHandle handle = pipeline.send(OutgoingTasks.of("orders.ship"));
		assertThat(handle.id()).isEqualTo("task-1");
		assertThat(this.events).containsExactly("before a", "before b", "before c", "dispatch task-1", "after c",
				"after b", "after a", "sent task-1", "also sent");
		assertThat(pipeline.chain()).extracting(TaskSendInterceptor::getOrder).containsExactly(100, 200, 300);
	}

	@Test
	void aStepThatEndsTheSendSkipsTheRestAndTellsNoListener() {
		TaskSendInterceptor ending = new TaskSendInterceptor() {

			@Override
			public TaskHandle intercept(OutgoingTask task, Chain chain) {
				return task.handle("earlier-task");
			}

			@Override
			public int getOrder() {
				return 150;
			}

		};
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(step("a", 100), ending, step("b", 200)),
				this.dispatcher, List.of(this.listener));
		assertThat(pipeline.send(OutgoingTasks.of("orders.ship")).id()).isEqualTo("earlier-task");
		assertThat(this.events).containsExactly("before a", "after a");
	}

	@Test
	void aFailedDispatchReachesEveryStepAndTellsNoListener() {
		TaskPublishException refused = new TaskPublishException("task-1", "broker said no", null);
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(step("a", 100), failureRecorder()), (task) -> {
			throw refused;
		}, List.of(this.listener));
		assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> pipeline.send(OutgoingTasks.of("orders.ship")))
			.isSameAs(refused);
		assertThat(this.events).containsExactly("before a", "failed: broker said no");
	}

	@Test
	void aListenerThatThrowsFailsNoSendAndTheOthersAreStillTold() {
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(), this.dispatcher, List.of((task) -> {
			throw new IllegalStateException("listener bug");
		}, this.listener));
		assertThat(pipeline.send(OutgoingTasks.of("orders.ship")).id()).isEqualTo("task-1");
		assertThat(this.events).containsExactly("dispatch task-1", "sent task-1");
	}

	@Test
	void eachSendWalksTheChainFromItsStart() {
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(step("a", 100)), this.dispatcher, List.of());
		pipeline.send(OutgoingTasks.of("orders.ship"));
		pipeline.send(OutgoingTasks.of("orders.ship"));
		assertThat(this.events).containsExactly("before a", "dispatch task-1", "after a", "before a",
				"dispatch task-1", "after a");
	}

	private TaskSendInterceptor step(String name, int order) {
		return new TaskSendInterceptor() {

			@Override
			public TaskHandle intercept(OutgoingTask task, Chain chain) {
				TaskSendPipelineTests.this.events.add("before " + name);
				TaskHandle handle = chain.proceed(task);
				TaskSendPipelineTests.this.events.add("after " + name);
				return handle;
			}

			@Override
			public int getOrder() {
				return order;
			}

		};
	}

	private TaskSendInterceptor failureRecorder() {
		return new TaskSendInterceptor() {

			@Override
			public TaskHandle intercept(OutgoingTask task, Chain chain) {
				try {
					return chain.proceed(task);
				}
				catch (RuntimeException ex) {
					TaskSendPipelineTests.this.events.add("failed: " + ex.getMessage());
					throw ex;
				}
			}

			@Override
			public int getOrder() {
				return 200;
			}

		};
	}

}
