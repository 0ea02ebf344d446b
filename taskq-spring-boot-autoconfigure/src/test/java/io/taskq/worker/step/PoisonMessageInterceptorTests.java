package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.result.TaskErrors;
import io.taskq.store.fake.InMemoryRedeliveryCounter;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.complete;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class PoisonMessageInterceptorTests {

	private final InMemoryRedeliveryCounter redeliveries = new InMemoryRedeliveryCounter();

	private final PoisonMessageInterceptor interceptor = new PoisonMessageInterceptor(this.redeliveries, 3);

	private final RegisteredTask task = task(addEndpoint().build());

	private final RecordingChain chain = RecordingChain.succeeding();

	@Test
	void aFirstDeliveryIsNotCounted() throws Exception {
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				this.chain);
		assertThat(outcome).isSameAs(this.chain.outcome());
		assertThat(this.redeliveries.count("t-1")).isZero();
	}

	@Test
	void aRedeliveryIsCountedAndRunsWhileWithinTheLimit() throws Exception {
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task, true),
				this.chain);
		assertThat(outcome).isSameAs(this.chain.outcome());
		assertThat(this.redeliveries.count("t-1")).isOne();
	}

	@Test
	void aLeaseCopyPublishedAgainCountsAsARedelivery() throws Exception {
		this.interceptor.intercept(execution(addMessage("t-1", 2, 3)
			.header(DeliveryLeaseInterceptor.LEASE_COPY_HEADER, true)
			.build(), this.task), this.chain);
		assertThat(this.redeliveries.count("t-1")).isOne();
	}

	@Test
	void aMessageRedeliveredAsOftenAsTheLimitStillRuns() throws Exception {
		for (int i = 0; i < 2; i++) {
			this.redeliveries.increment("t-1");
		}
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task, true),
				this.chain);
		assertThat(outcome).isSameAs(this.chain.outcome());
		assertThat(this.redeliveries.count("t-1")).isEqualTo(3);
	}

	@Test
	void aMessageRedeliveredMoreThanTheLimitIsRejectedAsPoison() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.redeliveries.increment("t-1");
		}
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task, true),
				this.chain);
		assertThat(this.chain.proceeded()).isFalse();
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Rejected.class, (rejected) -> {
			assertThat(rejected.reason()).isEqualTo("poison");
			assertThat(rejected.storedError()).isNull();
			assertThat(rejected.error()).hasMessage("Task tasks.add[t-1] was redelivered 4 times and no worker "
					+ "finished it (each died or stopped while it ran): a poison message, dead-lettered");
			assertThat(TaskErrors.of(rejected.error()).get("exc_type").asString()).isEqualTo("WorkerLostError");
			assertThat(TaskErrors.of(rejected.error()).get("exc_module").asString())
				.isEqualTo("billiard.exceptions");
		});
	}

	@Test
	void theCountIsClearedOnceAnOutcomeIsApplied() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task, true);
		TaskOutcome outcome = this.interceptor.intercept(execution, this.chain);
		complete(execution, outcome);
		assertThat(this.redeliveries.count("t-1")).isZero();
	}

	@Test
	void theCountIsKeptWhenProcessingFails() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task, true);
		this.interceptor.intercept(execution, this.chain);
		complete(execution, null);
		assertThat(this.redeliveries.count("t-1")).isOne();
	}

	@Test
	void appliesToEveryTaskUnlessRedeliveriesAreUnlimited() {
		assertThat(this.interceptor.appliesTo(this.task.endpoint())).isTrue();
		assertThat(new PoisonMessageInterceptor(this.redeliveries, 0).appliesTo(this.task.endpoint())).isTrue();
		assertThat(new PoisonMessageInterceptor(this.redeliveries, -1).appliesTo(this.task.endpoint())).isFalse();
	}

}
