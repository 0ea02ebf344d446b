package io.taskq.core.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskContext;
import io.taskq.protocol.TaskMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParentTaskInterceptorTests {

	private final ParentTaskInterceptor interceptor = new ParentTaskInterceptor();

	private final TaskContext running = new TaskContext("parent-1", "orders.process", 0, "root-1", "grandparent-1",
			null, "celery", Map.of());

	@Test
	void aTaskSentFromARunningTaskIsItsChildWithItsRoot() throws Exception {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		List<String> childrenWhileSending = new ArrayList<>();
		this.running.runAsCurrent(() -> this.interceptor.intercept(task, (sent) -> {
			childrenWhileSending.addAll(this.running.getChildren());
			return sent.handle(sent.taskId());
		}));
		TaskMessage message = task.message();
		assertThat(message.parentId()).isEqualTo("parent-1");
		assertThat(message.rootId()).isEqualTo("root-1");
		assertThat(childrenWhileSending).isEmpty();
		assertThat(this.running.getChildren()).containsExactly("task-1");
	}

	@Test
	void aTaskThatFailedToSendIsNoChild() throws Exception {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		this.running.runAsCurrent(() -> assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.interceptor.intercept(task, (sent) -> {
				throw new TaskPublishException(sent.taskId(), "broker said no", null);
			})));
		assertThat(task.message().parentId()).isEqualTo("parent-1");
		assertThat(this.running.getChildren()).isEmpty();
	}

	@Test
	void aTaskSentFromOutsideATaskIsItsOwnRoot() {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		assertThat(this.interceptor.intercept(task, (sent) -> sent.handle(sent.taskId())).id()).isEqualTo("task-1");
		assertThat(task.message().parentId()).isNull();
		assertThat(task.message().rootId()).isEqualTo("task-1");
		assertThat(this.running.getChildren()).isEmpty();
	}

}
