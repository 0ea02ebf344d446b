package io.taskq.core.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskRoutes;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingInterceptorTests {

	private final RoutingInterceptor interceptor = new RoutingInterceptor(
			new TaskRoutes("celery", Map.of("images.resize", "images"), Map.of("images.resize", 7)));

	@Test
	void aTaskGoesToItsRoutesQueueWithItsDefaultPriority() {
		OutgoingTask task = route(TaskRequest.builder("images.resize").build());
		assertThat(task.queue()).isEqualTo("images");
		assertThat(task.message().priority()).isEqualTo(7);
	}

	@Test
	void theQueueAndPriorityOfTheSendComeFirst() {
		OutgoingTask task = OutgoingTasks.of(TaskRequest.builder("images.resize").queue("urgent").priority(9).build());
		task.messageBuilder().priority(9);
		this.interceptor.intercept(task, (sent) -> sent.handle(sent.taskId()));
		assertThat(task.queue()).isEqualTo("urgent");
		assertThat(task.message().priority()).isEqualTo(9);
	}

	@Test
	void aTaskWithNoRouteGoesToTheDefaultQueueWithNoPriority() {
		OutgoingTask task = route(TaskRequest.builder("other").build());
		assertThat(task.queue()).isEqualTo("celery");
		assertThat(task.message().priority()).isNull();
	}

	@Test
	void theQueueIsChosenBeforeTheNextStep() {
		List<String> seen = new ArrayList<>();
		this.interceptor.intercept(OutgoingTasks.of("images.resize"), (sent) -> {
			seen.add(sent.queue());
			return sent.handle(sent.taskId());
		});
		assertThat(seen).containsExactly("images");
	}

	private OutgoingTask route(TaskRequest request) {
		OutgoingTask task = OutgoingTasks.of(request);
		this.interceptor.intercept(task, (sent) -> sent.handle(sent.taskId()));
		return task;
	}

}
