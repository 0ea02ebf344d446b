package io.taskq.worker.step;

import java.time.Clock;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.taskq.protocol.TaskMessage;
import io.taskq.store.fake.InMemoryRateLimiter;
import io.taskq.worker.RateLimit;
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

class RateLimitInterceptorTests {

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final InMemoryRateLimiter rateLimiter = new InMemoryRateLimiter(this.clock);

	private final RateLimitInterceptor interceptor = new RateLimitInterceptor(this.rateLimiter, this.clock);

	private final RegisteredTask task = task(addEndpoint().rateLimit(RateLimit.parse("2/s")).build());

	@Test
	void appliesOnlyToRateLimitedTasks() {
		assertThat(this.interceptor.appliesTo(this.task.endpoint())).isTrue();
		assertThat(this.interceptor.appliesTo(addEndpoint().build())).isFalse();
	}

	@Test
	void aRunWithinTheLimitStartsNow() throws Exception {
		RecordingChain chain = RecordingChain.succeeding();
		assertThat(this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task), chain))
			.isSameAs(chain.outcome());
	}

	@Test
	void aRunOverTheLimitWaitsUnchangedOnTheScheduleUntilItsSlot() throws Exception {
		this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				RecordingChain.succeeding());
		TaskExecution second = execution(addMessage("t-2", 2, 3).build(), this.task);
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(second, chain);
		assertThat(outcome).isEqualTo(new TaskOutcome.Deferred(second.wireMessage(), NOW.plusMillis(500),
				"its rate limit"));
		assertThat(chain.proceeded()).isFalse();
	}

	@Test
	void aRunFromNoKnownQueueStartsWithoutTakingASlot() throws Exception {
		TaskMessage message = addMessage("t-1", 2, 3).build();
		RecordingChain chain = RecordingChain.succeeding();
		this.interceptor.intercept(execution(delivery(message, null, false), message, this.task), chain);
		assertThat(chain.proceeded()).isTrue();
		RecordingChain next = RecordingChain.succeeding();
		this.interceptor.intercept(execution(addMessage("t-2", 2, 3).build(), this.task), next);
		assertThat(next.proceeded()).isTrue();
	}

}
