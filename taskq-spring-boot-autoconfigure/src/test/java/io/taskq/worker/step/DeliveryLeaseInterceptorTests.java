package io.taskq.worker.step;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.taskq.protocol.TaskMessage;
import io.taskq.store.fake.InMemoryTaskSchedule;
import io.taskq.worker.FakeDelivery;
import io.taskq.worker.ManualTimer;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.complete;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLeaseInterceptorTests {

	private static final Duration LEASE = Duration.ofSeconds(30);

	/** The sweep's period when every task runs long at once. */
	private static final Duration SWEEP = Duration.ofMillis(10);

	private static final TaskOutcome SUCCEEDED = new TaskOutcome.Succeeded(null);

	private final InMemoryTaskSchedule schedule = new InMemoryTaskSchedule();

	private final ManualTimer timer = new ManualTimer();

	private final RegisteredTask task = task(addEndpoint().build());

	private final DeliveryLeaseInterceptor interceptor = new DeliveryLeaseInterceptor(this.schedule, Duration.ZERO,
			LEASE, this.timer);

	@AfterEach
	void close() {
		this.interceptor.close();
	}

	@Test
	void aTaskRunningPastLeaseAfterSwitchesItsDeliveryToALeasedCopyOnTheSchedule() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		Instant before = Instant.now();
		TaskOutcome outcome = runLong(execution);
		assertThat(outcome).isSameAs(SUCCEEDED);
		assertThat(this.schedule.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.queue()).isEqualTo("queue");
			assertThat(entry.taskId()).isEqualTo("t-1");
			assertThat(entry.message())
				.isEqualTo(execution.wireMessage().withHeader(DeliveryLeaseInterceptor.LEASE_COPY_HEADER, true));
			assertThat(entry.due()).isBetween(before.plus(LEASE), Instant.now().plus(LEASE));
		});
		assertThat(((FakeDelivery) execution.delivery()).isAcked()).isTrue();
	}

	@Test
	void aHeartbeatKeepsPushingTheLeasedCopysDueTimeAhead() throws Exception {
		runLong(execution(addMessage("t-1", 2, 3).build(), this.task));
		this.schedule.postpone("entry-1", Instant.EPOCH);
		Instant before = Instant.now();
		this.timer.advance(LEASE.dividedBy(3));
		assertThat(this.schedule.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.due()).isAfterOrEqualTo(before.plus(LEASE)));
	}

	@Test
	void theLeasedCopyIsRemovedOnceTheOutcomeIsApplied() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		complete(execution, runLong(execution));
		assertThat(this.schedule.entries()).isEmpty();
		assertThat(this.schedule.completed()).containsExactly("entry-1");
		this.interceptor.close();
		assertThat(this.timer.pending()).as("heartbeat and sweep").isZero();
	}

	@Test
	void theLeasedCopyOfARunEndingWithoutAnOutcomeIsDueAtOnceForAnotherWorker() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		runLong(execution);
		Thread.currentThread().interrupt();
		complete(execution, null);
		assertThat(Thread.interrupted()).as("the worker's interrupt is kept").isTrue();
		assertThat(this.schedule.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.due()).isBeforeOrEqualTo(Instant.now()));
		this.interceptor.close();
		assertThat(this.timer.pending()).as("heartbeat and sweep").isZero();
	}

	@Test
	void aTaskThatEndsBeforeLeaseAfterKeepsItsDelivery() throws Exception {
		DeliveryLeaseInterceptor patient = new DeliveryLeaseInterceptor(this.schedule, Duration.ofHours(1), LEASE,
				this.timer);
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		complete(execution, patient.intercept(execution, (running) -> {
			this.timer.advance(Duration.ofSeconds(5));
			return SUCCEEDED;
		}));
		patient.close();
		assertThat(this.schedule.entries()).isEmpty();
		assertThat(this.schedule.completed()).isEmpty();
		assertThat(execution.delivery().isSettled()).isFalse();
	}

	@Test
	void aDeliveryAcknowledgedEarlyIsNotLeased() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), this.task);
		execution.delivery().ack();
		runLong(execution);
		assertThat(this.schedule.entries()).isEmpty();
	}

	@Test
	void aDeliveryFromNoKnownQueueIsNotLeased() throws Exception {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		TaskExecution execution = execution(delivery(message, null, false), message, this.task);
		runLong(execution);
		assertThat(this.schedule.entries()).isEmpty();
		assertThat(execution.delivery().isSettled()).isFalse();
	}

	@Test
	void closingStopsTheSweep() {
		assertThat(this.timer.pending()).isOne();
		this.interceptor.close();
		assertThat(this.timer.pending()).isZero();
	}

	private TaskOutcome runLong(TaskExecution execution) throws Exception {
		return this.interceptor.intercept(execution, (running) -> {
			this.timer.advance(SWEEP);
			return SUCCEEDED;
		});
	}

}
