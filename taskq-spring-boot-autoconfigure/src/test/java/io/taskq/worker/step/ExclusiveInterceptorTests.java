package io.taskq.worker.step;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryLeaseStore;
import io.taskq.store.fake.InMemoryRateLimiter;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.LeaseKeeper;
import io.taskq.worker.ManualTimer;
import io.taskq.worker.OnConflict;
import io.taskq.worker.RateLimit;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TestExecutions;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.complete;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class ExclusiveInterceptorTests {

	private static final String KEY = "exclusive:tasks.add:2";

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final InMemoryLeaseStore leases = new InMemoryLeaseStore(this.clock);

	private final ManualTimer timer = new ManualTimer();

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final InMemoryRateLimiter rateLimiter = new InMemoryRateLimiter(this.clock);

	private final ExclusiveInterceptor interceptor = new ExclusiveInterceptor(this.leases,
			new LeaseKeeper(this.leases, this.timer), this.results, this.rateLimiter);

	@Test
	void appliesOnlyToExclusiveTasks() {
		assertThat(this.interceptor.appliesTo(exclusive(OnConflict.RETRY).endpoint())).isTrue();
		assertThat(this.interceptor.appliesTo(addEndpoint().build())).isFalse();
	}

	@Test
	void aRunHoldsTheLeaseOfItsKeyWhileItRunsAndUntilItsOutcomeIsApplied() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), exclusive(OnConflict.RETRY));
		String[] holderWhileRunning = new String[1];
		TaskOutcome outcome = this.interceptor.intercept(execution, (running) -> {
			holderWhileRunning[0] = this.leases.holder(KEY);
			return new TaskOutcome.Succeeded(null);
		});
		assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(null));
		assertThat(holderWhileRunning[0]).startsWith("t-1|");
		this.timer.advance(Duration.ofSeconds(20));
		assertThat(this.leases.renewals(KEY)).isEqualTo(2);
		assertThat(this.leases.holder(KEY)).isEqualTo(holderWhileRunning[0]);
		complete(execution, outcome);
		assertThat(this.leases.holder(KEY)).isNull();
		assertThat(this.timer.pending()).isZero();
	}

	@Test
	void aRunMeetingItsKeyHeldByAnotherRunWaitsOnTheScheduleWithRetry() throws Exception {
		this.leases.acquire(KEY, "t-0|other", Duration.ofMinutes(1));
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), exclusive(OnConflict.RETRY));
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution, chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Deferred(execution.wireMessage(), NOW.plusSeconds(2),
				"exclusive key '2' is held by another run"));
		assertThat(chain.proceeded()).isFalse();
		assertThat(this.leases.holder(KEY)).isEqualTo("t-0|other");
	}

	@Test
	void aRunMeetingItsKeyHeldByAnotherRunIsSkippedWithSkip() throws Exception {
		this.leases.acquire(KEY, "t-0|other", Duration.ofMinutes(1));
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(),
				exclusive(OnConflict.SKIP)), chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.SKIPPED,
				"skipped: exclusive key '2' is held by another run"));
		assertThat(chain.proceeded()).isFalse();
	}

	@Test
	void aRunFromNoKnownQueueIsSkippedHavingNowhereToWait() throws Exception {
		this.leases.acquire(KEY, "t-0|other", Duration.ofMinutes(1));
		TaskMessage message = addMessage("t-1", 2, 3).build();
		TaskOutcome outcome = this.interceptor.intercept(
				execution(delivery(message, null, false), message, exclusive(OnConflict.RETRY)),
				RecordingChain.succeeding());
		assertThat(outcome).isInstanceOf(TaskOutcome.Revoked.class);
	}

	@Test
	void aSecondCopyOfTheRunningTaskWaitsMarkedAsARunningCopyEvenWithSkip() throws Exception {
		this.leases.acquire(KEY, "t-1|first-copy", Duration.ofMinutes(1));
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), exclusive(OnConflict.SKIP));
		TaskOutcome outcome = this.interceptor.intercept(execution, RecordingChain.succeeding());
		assertThat(outcome).isEqualTo(new TaskOutcome.Deferred(
				execution.wireMessage().withHeader(ExclusiveInterceptor.RUNNING_COPY_HEADER, true),
				NOW.plusSeconds(2), "it is already running elsewhere (exclusive key '2')"));
	}

	@Test
	void aRunThatWaitsGivesBackItsRateLimitSlot() throws Exception {
		this.leases.acquire(KEY, "t-0|other", Duration.ofMinutes(1));
		RegisteredTask task = task(addEndpoint().exclusive(policy(OnConflict.RETRY))
			.rateLimit(RateLimit.parse("1/s"))
			.build());
		this.rateLimiter.acquire(TestExecutions.ADD, 1_000_000, "t-0");
		assertThat(this.rateLimiter.acquire(TestExecutions.ADD, 1_000_000, "t-1")).isPositive();
		this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), task), RecordingChain.succeeding());
		assertThat(this.rateLimiter.released()).containsExactly("t-1");
	}

	@Test
	void aRunningCopyIsDroppedOnceTheTaskFinishedElsewhere() throws Exception {
		this.results.store(new TaskResult("t-1", TaskState.SUCCESS, null, null, null, null, null, null, null),
				Duration.ofDays(1));
		TaskExecution execution = execution(
				addMessage("t-1", 2, 3).header(ExclusiveInterceptor.RUNNING_COPY_HEADER, true).build(),
				exclusive(OnConflict.RETRY));
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution, chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Dropped("finished elsewhere"));
		assertThat(chain.proceeded()).isFalse();
		complete(execution, outcome);
		assertThat(this.leases.holder(KEY)).isNull();
	}

	@Test
	void aRunningCopyRunsIfTheTaskDidNotFinishElsewhere() throws Exception {
		this.results.store(new TaskResult("t-1", TaskState.STARTED, null, null, null, null, null, null, null),
				Duration.ofDays(1));
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(
				execution(addMessage("t-1", 2, 3).header(ExclusiveInterceptor.RUNNING_COPY_HEADER, true).build(),
						exclusive(OnConflict.RETRY)),
				chain);
		assertThat(outcome).isSameAs(chain.outcome());
	}

	@Test
	void aKeyThatCannotBeEvaluatedRejectsTheMessage() throws Exception {
		RegisteredTask task = task(addEndpoint()
			.exclusive(ExclusivePolicy.of(TestExecutions.ADD, "#c", OnConflict.RETRY, Duration.ofSeconds(30),
					Duration.ofSeconds(2)))
			.build());
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), task), chain);
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).isEqualTo("invalid-arguments"));
		assertThat(chain.proceeded()).isFalse();
	}

	@Test
	void aRunAbandonedAtItsHardTimeLimitHoldsItsKeyUntilItsThreadEnds() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), exclusive(OnConflict.RETRY));
		CompletableFuture<Void> threadEnd = new CompletableFuture<>();
		TaskOutcome outcome = this.interceptor.intercept(execution, (running) -> {
			running.setAttribute(TimeLimitInterceptor.ABANDONED_THREAD_END, threadEnd);
			return new TaskOutcome.Failed(new IllegalStateException("abandoned"));
		});
		complete(execution, outcome);
		assertThat(this.leases.holder(KEY)).startsWith("t-1|");
		threadEnd.complete(null);
		assertThat(this.leases.holder(KEY)).isNull();
	}

	private static RegisteredTask exclusive(OnConflict onConflict) {
		return task(addEndpoint().exclusive(policy(onConflict)).build());
	}

	private static ExclusivePolicy policy(OnConflict onConflict) {
		return ExclusivePolicy.of(TestExecutions.ADD, "#a", onConflict, Duration.ofSeconds(30),
				Duration.ofSeconds(2));
	}

}
