package io.taskq.worker.outcome;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.core.TaskRetryException;
import io.taskq.core.TaskTemplate;
import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskErrors;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TestExecutions;

import static io.taskq.worker.TestExecutions.CODEC;
import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class RetryElectorTests {

	private static final RetryPolicy RETRY_ON_IO = new RetryPolicy(List.of(IOException.class), 3,
			Duration.ofSeconds(10), null, Duration.ofMinutes(10), false);

	private final RetryElector elector = new RetryElector(CODEC, Clock.fixed(NOW, ZoneOffset.UTC));

	private final RegisteredTask task = task(addEndpoint().retryPolicy(RETRY_ON_IO).build());

	@Test
	void anOutcomeThatIsNoFailureIsKept() {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		List<TaskOutcome> outcomes = List.of(new TaskOutcome.Succeeded(null),
				new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked"),
				new TaskOutcome.Deferred(execution.wireMessage(), NOW, "its ETA"),
				new TaskOutcome.Rejected("invalid-arguments", new IOException("no"), null),
				new TaskOutcome.Dropped("finished elsewhere"));
		for (TaskOutcome outcome : outcomes) {
			assertThat(this.elector.elect(execution, outcome)).isSameAs(outcome);
		}
	}

	@Test
	void aFailureThePolicyDoesNotRetryOnIsFinal() {
		TaskOutcome failed = new TaskOutcome.Failed(new IllegalStateException("no"));
		assertThat(this.elector.elect(execution(addMessage("t-1", 2, 3).build(), this.task), failed)).isSameAs(failed);
	}

	@Test
	void aFailureThePolicyRetriesOnRunsAgainAsANewMessageAfterThePolicysCountdown() {
		IOException error = new IOException("timeout");
		TaskMessage message = addMessage("t-1", 2, 3).retries(1).rootId("root-1").build();
		TaskOutcome outcome = this.elector.elect(execution(message, this.task), new TaskOutcome.Failed(error));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Retrying.class, (retrying) -> {
			assertThat(retrying.eta()).isEqualTo(NOW.plusSeconds(10));
			assertThat(retrying.countdown()).isEqualTo(Duration.ofSeconds(10));
			assertThat(retrying.reason()).isSameAs(error);
			TaskMessage next = CODEC.decode(retrying.retryMessage());
			assertThat(next.id()).isEqualTo("t-1");
			assertThat(next.task()).isEqualTo(TestExecutions.ADD);
			assertThat(next.retries()).isEqualTo(2);
			assertThat(next.eta()).isEqualTo(NOW.plusSeconds(10));
			assertThat(next.parentId()).isEqualTo("t-1");
			assertThat(next.rootId()).isEqualTo("root-1");
			assertThat(next.args()).isEqualTo(message.args());
			assertThat(next.extraHeaders()).containsEntry(TaskTemplate.SENT_AT_HEADER,
					NOW.plusSeconds(10).toEpochMilli());
		});
	}

	@Test
	void aRetryAskedForRunsAgainAfterItsOwnCountdown() {
		TaskOutcome outcome = this.elector.elect(execution(addMessage("t-1", 2, 3).build(), this.task),
				new TaskOutcome.RetryRequested(new TaskRetryException(Duration.ofSeconds(5), null)));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Retrying.class, (retrying) -> {
			assertThat(retrying.countdown()).isEqualTo(Duration.ofSeconds(5));
			assertThat(retrying.eta()).isEqualTo(NOW.plusSeconds(5));
			assertThat(retrying.reason()).isInstanceOf(TaskRetryException.class);
		});
	}

	@Test
	void aRetryAskedForWithoutCountdownWaitsThePolicysCountdown() {
		TaskOutcome outcome = this.elector.elect(execution(addMessage("t-1", 2, 3).build(), this.task),
				new TaskOutcome.RetryRequested(new TaskRetryException(null, null)));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Retrying.class,
				(retrying) -> assertThat(retrying.countdown()).isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void onceItsRetriesAreUsedUpATaskFailsWithWhatItThrew() {
		IOException error = new IOException("timeout");
		TaskExecution execution = execution(addMessage("t-1", 2, 3).retries(3).build(), this.task);
		assertThat(this.elector.elect(execution, new TaskOutcome.Failed(error)))
			.isEqualTo(new TaskOutcome.Failed(error));
		assertThat(this.elector.elect(execution, new TaskOutcome.RetryRequested(new TaskRetryException(null, error))))
			.isEqualTo(new TaskOutcome.Failed(error));
	}

	@Test
	void aRetryAskedForWithoutCauseOnceRetriesAreUsedUpFailsWithMaxRetriesExceeded() {
		TaskOutcome outcome = this.elector.elect(execution(addMessage("t-1", 2, 3).retries(3).build(), this.task),
				new TaskOutcome.RetryRequested(new TaskRetryException(null, null)));
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, (failed) -> {
			assertThat(failed.error()).hasMessage("Can't retry tasks.add[t-1]: max retries (3) exceeded");
			assertThat(TaskErrors.of(failed.error()).get("exc_type").asString())
				.isEqualTo("MaxRetriesExceededError");
			assertThat(TaskErrors.of(failed.error()).get("exc_module").asString()).isEqualTo("celery.exceptions");
		});
	}

	@Test
	void aTaskFromNoKnownQueueCannotRetry() {
		IOException error = new IOException("timeout");
		TaskMessage message = addMessage("t-1", 2, 3).build();
		assertThat(this.elector.elect(execution(delivery(message, null, false), message, this.task),
				new TaskOutcome.Failed(error)))
			.isEqualTo(new TaskOutcome.Failed(error));
	}

}
