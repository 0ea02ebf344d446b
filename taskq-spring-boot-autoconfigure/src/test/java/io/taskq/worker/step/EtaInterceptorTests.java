package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.protocol.TaskMessage;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class EtaInterceptorTests {

	private final EtaInterceptor interceptor = new EtaInterceptor();

	private final RegisteredTask task = task(addEndpoint().build());

	private final RecordingChain chain = RecordingChain.succeeding();

	@Test
	void aTaskReceivedBeforeItsEtaWaitsUnchangedOnTheScheduleUntilThen() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).eta(NOW.plusSeconds(30)).build(), this.task);
		TaskOutcome outcome = this.interceptor.intercept(execution, this.chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Deferred(execution.wireMessage(), NOW.plusSeconds(30),
				"its ETA"));
		assertThat(this.chain.proceeded()).isFalse();
	}

	@Test
	void aTaskReceivedAtOrAfterItsEtaRuns() throws Exception {
		assertThat(this.interceptor.intercept(execution(addMessage("t-1", 2, 3).eta(NOW).build(), this.task),
				this.chain))
			.isSameAs(this.chain.outcome());
		assertThat(this.interceptor.intercept(
				execution(addMessage("t-2", 2, 3).eta(NOW.minusSeconds(1)).build(), this.task), this.chain))
			.isSameAs(this.chain.outcome());
	}

	@Test
	void aTaskWithoutEtaRuns() throws Exception {
		assertThat(this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task), this.chain))
			.isSameAs(this.chain.outcome());
	}

	@Test
	void aTaskFromNoKnownQueueRunsAtOnceHavingNowhereToWait() throws Exception {
		TaskMessage message = addMessage("t-1", 2, 3).eta(NOW.plusSeconds(30)).build();
		assertThat(this.interceptor.intercept(execution(delivery(message, null, false), message, this.task),
				this.chain))
			.isSameAs(this.chain.outcome());
	}

}
