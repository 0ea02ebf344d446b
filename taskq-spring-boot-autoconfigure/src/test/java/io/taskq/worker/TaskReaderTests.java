package io.taskq.worker;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taskq.protocol.InvalidTaskMessageException;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.WireMessage;
import io.taskq.result.TaskErrors;

import static io.taskq.worker.TestExecutions.CODEC;
import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class TaskReaderTests {

	private final RegisteredTask task = task(addEndpoint().build());

	private final TaskReader reader = new TaskReader(CODEC, 1000, Map.of(TestExecutions.ADD, this.task)::get,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aMessageOfARegisteredTaskIsReadToItsExecution() {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		FakeDelivery delivery = delivery(message, "queue", false);
		TaskReader.Read read = this.reader.read(delivery);
		assertThat(read.rejection()).isNull();
		TaskExecution execution = read.execution();
		assertThat(execution.isRunnable()).isTrue();
		assertThat(execution.delivery()).isSameAs(delivery);
		assertThat(execution.task()).isSameAs(this.task);
		assertThat(execution.message().id()).isEqualTo("t-1");
		assertThat(execution.message().args()).isEqualTo(message.args());
		assertThat(execution.receivedAt()).isEqualTo(NOW);
		assertThat(execution.context().getTaskId()).isEqualTo("t-1");
		assertThat(execution.context().getQueue()).isEqualTo("queue");
	}

	@Test
	void aMessageThatDoesNotDecodeIsRejectedWithTheCodecsReasonAndWhatItsHeadersSay() {
		WireMessage malformed = new WireMessage("[1, 2".getBytes(), Map.of("id", "t-1", "task", "tasks.add"),
				"application/json", "utf-8", null, null, null, null);
		TaskReader.Read read = this.reader.read(new FakeDelivery(malformed, "queue", false));
		assertThat(read.rejection()).isNotNull();
		assertThat(read.rejection().reason()).isEqualTo("malformed-body");
		assertThat(read.rejection().error()).isInstanceOf(InvalidTaskMessageException.class);
		assertThat(read.rejection().storedError()).isNull();
		assertUnrunnable(read.execution(), "t-1", "tasks.add");
	}

	@Test
	void aMessageThatIsNoTaskMessageIsRejectedWithTheIdItHas() {
		WireMessage notATask = new WireMessage("{}".getBytes(), Map.of("id", "t-1"), "application/json", "utf-8",
				null, null, null, null);
		TaskReader.Read read = this.reader.read(new FakeDelivery(notATask, "queue", false));
		assertThat(read.rejection().reason()).isEqualTo("not-protocol-v2");
		assertUnrunnable(read.execution(), "t-1", null);
	}

	@Test
	void aBodyOverTheLimitIsRejectedAsTooLarge() {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		TaskReader.Read read = new TaskReader(CODEC, 10, Map.of(TestExecutions.ADD, this.task)::get,
				Clock.fixed(NOW, ZoneOffset.UTC))
			.read(delivery(message, "queue", false));
		assertThat(read.rejection().reason()).isEqualTo("message-too-large");
		assertUnrunnable(read.execution(), "t-1", "tasks.add");
	}

	@Test
	void aMessageOfATaskNotRegisteredHereIsRejectedAsNotRegistered() {
		TaskReader.Read read = this.reader.read(delivery(TaskMessage.builder("tasks.mul", "t-1").build(), "queue",
				false));
		assertThat(read.rejection().reason()).isEqualTo("not-registered");
		assertThat(read.rejection().error()).hasMessage("Task 'tasks.mul' is not registered on this worker");
		assertThat(read.rejection().storedError()).isEqualTo(TaskErrors.notRegistered("tasks.mul"));
		assertUnrunnable(read.execution(), "t-1", "tasks.mul");
	}

	private static void assertUnrunnable(TaskExecution execution, String taskId, String taskName) {
		assertThat(execution.isRunnable()).isFalse();
		assertThat(execution.taskId()).isEqualTo(taskId);
		assertThat(execution.taskName()).isEqualTo(taskName);
		assertThat(execution.receivedAt()).isEqualTo(NOW);
		assertThat(execution.queue()).isEqualTo("queue");
	}

}
