package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiredInterceptorTests {

	private final ExpiredInterceptor interceptor = new ExpiredInterceptor();

	private final RegisteredTask task = task(addEndpoint().build());

	private final RecordingChain chain = RecordingChain.succeeding();

	@Test
	void aTaskReceivedAfterItsExpiryEndsRevokedWithoutRunning() throws Exception {
		TaskOutcome outcome = this.interceptor.intercept(
				execution(addMessage("t-1", 2, 3).expires(NOW.minusMillis(1)).build(), this.task), this.chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.EXPIRED, "expired"));
		assertThat(this.chain.proceeded()).isFalse();
	}

	@Test
	void aTaskReceivedUpToItsExpiryRuns() throws Exception {
		assertThat(this.interceptor.intercept(
				execution(addMessage("t-1", 2, 3).expires(NOW.plusMillis(1)).build(), this.task), this.chain))
			.isSameAs(this.chain.outcome());
		assertThat(this.interceptor.intercept(execution(addMessage("t-2", 2, 3).expires(NOW).build(), this.task),
				this.chain))
			.isSameAs(this.chain.outcome());
	}

	@Test
	void aTaskWithoutExpiryRuns() throws Exception {
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				this.chain);
		assertThat(outcome).isSameAs(this.chain.outcome());
	}

}
