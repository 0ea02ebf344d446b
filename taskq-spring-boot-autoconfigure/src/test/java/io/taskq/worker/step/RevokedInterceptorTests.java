package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.store.fake.InMemoryRevocationStore;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class RevokedInterceptorTests {

	private final InMemoryRevocationStore revocations = new InMemoryRevocationStore();

	private final RevokedInterceptor interceptor = new RevokedInterceptor(this.revocations);

	private final RegisteredTask task = task(addEndpoint().build());

	private final RecordingChain chain = RecordingChain.succeeding();

	@Test
	void aRevokedTaskEndsRevokedWithoutRunning() throws Exception {
		this.revocations.revoke("t-1", false);
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				this.chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked"));
		assertThat(this.chain.proceeded()).isFalse();
	}

	@Test
	void aTaskNotRevokedRuns() throws Exception {
		this.revocations.revoke("t-2", false);
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				this.chain);
		assertThat(outcome).isSameAs(this.chain.outcome());
	}

}
