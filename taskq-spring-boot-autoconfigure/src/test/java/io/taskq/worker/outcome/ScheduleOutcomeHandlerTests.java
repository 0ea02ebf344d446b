package io.taskq.worker.outcome;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;

import io.taskq.core.TaskRetryException;
import io.taskq.protocol.WireMessage;
import io.taskq.store.fake.InMemoryTaskSchedule;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleOutcomeHandlerTests {

	private final InMemoryTaskSchedule schedule = new InMemoryTaskSchedule();

	private final ScheduleOutcomeHandler handler = new ScheduleOutcomeHandler(this.schedule);

	private final TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));

	@Test
	void aDeferredMessageWaitsOnTheScheduleUntilItIsDue() {
		this.handler.apply(this.execution,
				new TaskOutcome.Deferred(this.execution.wireMessage(), NOW.plusSeconds(30), "its ETA"));
		assertThat(this.schedule.entries()).containsExactly(new InMemoryTaskSchedule.Entry("entry-1", "queue",
				this.execution.wireMessage(), NOW.plusSeconds(30), "t-1"));
	}

	@Test
	void theNextAttemptOfARetryingTaskWaitsOnTheScheduleUntilItsEta() {
		WireMessage next = this.execution.wireMessage().withHeader("retries", 1);
		this.handler.apply(this.execution,
				new TaskOutcome.Retrying(next, NOW.plusSeconds(10), Duration.ofSeconds(10), new TaskRetryException(null, null)));
		assertThat(this.schedule.entries()).containsExactly(
				new InMemoryTaskSchedule.Entry("entry-1", "queue", next, NOW.plusSeconds(10), "t-1"));
	}

	@Test
	void otherOutcomesScheduleNothing() {
		List<TaskOutcome> outcomes = List.of(new TaskOutcome.Succeeded(null),
				new TaskOutcome.Failed(new IOException("no")), new TaskOutcome.RetryRequested(new TaskRetryException(null, null)),
				new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked"),
				new TaskOutcome.Rejected("invalid-arguments", new IOException("no"), null),
				new TaskOutcome.Dropped("finished elsewhere"));
		outcomes.forEach((outcome) -> this.handler.apply(this.execution, outcome));
		assertThat(this.schedule.entries()).isEmpty();
	}

	@Test
	void waitsOutAnOutageOfTheSchedule() {
		InMemoryTaskSchedule recovering = new InMemoryTaskSchedule() {

			private boolean down = true;

			@Override
			public synchronized String schedule(String queue, WireMessage message, Instant due, String taskId) {
				if (this.down) {
					this.down = false;
					throw new QueryTimeoutException("Redis is down");
				}
				return super.schedule(queue, message, due, taskId);
			}

		};
		new ScheduleOutcomeHandler(recovering).apply(this.execution,
				new TaskOutcome.Deferred(this.execution.wireMessage(), NOW.plusSeconds(30), "its ETA"));
		assertThat(recovering.entries()).hasSize(1);
	}

}
