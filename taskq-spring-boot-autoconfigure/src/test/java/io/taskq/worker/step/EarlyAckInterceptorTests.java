package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.worker.FakeDelivery;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class EarlyAckInterceptorTests {

	private final EarlyAckInterceptor interceptor = new EarlyAckInterceptor();

	@Test
	void appliesOnlyToTasksAcknowledgedEarly() {
		assertThat(this.interceptor.appliesTo(addEndpoint().acksLate(false).build())).isTrue();
		assertThat(this.interceptor.appliesTo(addEndpoint().build())).isFalse();
	}

	@Test
	void acknowledgesTheDeliveryBeforeTheTaskRuns() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(),
				task(addEndpoint().acksLate(false).build()));
		FakeDelivery delivery = (FakeDelivery) execution.delivery();
		boolean[] ackedWhenRunning = new boolean[1];
		TaskOutcome outcome = this.interceptor.intercept(execution, (running) -> {
			ackedWhenRunning[0] = delivery.isAcked();
			return new TaskOutcome.Succeeded(null);
		});
		assertThat(ackedWhenRunning[0]).isTrue();
		assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(null));
	}

}
