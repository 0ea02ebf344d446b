package io.taskq.core;

import org.junit.jupiter.api.Test;

import io.taskq.core.send.OutgoingTasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OutgoingTaskTests {

	private static final Attribute<String> TRACE = new Attribute<>("trace", String.class);

	@Test
	void attributesAreTypedAndKeyedByIdentity() {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		assertThat(task.attribute(TRACE)).isNull();
		task.setAttribute(TRACE, "trace-1");
		assertThat(task.attribute(TRACE)).isEqualTo("trace-1");
		assertThat(task.attribute(new Attribute<>("trace", String.class))).isNull();
	}

	@Test
	void theMessageReflectsEveryChangeSoFar() {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		assertThat(task.message().extraHeaders()).isEmpty();
		task.messageBuilder().header("tenant", "acme");
		assertThat(task.message().extraHeaders()).containsEntry("tenant", "acme");
		assertThat(task.message().id()).isEqualTo("task-1");
	}

	@Test
	void aQueueNoStepChoseIsAnError() {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		assertThatIllegalStateException().isThrownBy(task::queue)
			.withMessage("No queue was chosen for task orders.ship[task-1]: the routing step chooses it");
		task.setQueue("orders");
		assertThat(task.queue()).isEqualTo("orders");
	}

}
