package io.taskq.worker.step;

import java.time.Clock;
import java.time.Duration;

import io.taskq.store.RateLimiter;
import io.taskq.worker.RateLimit;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Starts runs of a rate-limited task no faster than its limit, across all workers. A run that may not start now is
 * not held (no worker thread, no prefetch slot): the unchanged message waits on the schedule until the slot the
 * limiter reserved for it.
 */
public class RateLimitInterceptor implements TaskInterceptor {

	private final RateLimiter rateLimiter;

	private final Clock clock;

	/**
	 * Create the step.
	 * @param rateLimiter the shared rate limits
	 * @param clock tells when a slot is due
	 */
	public RateLimitInterceptor(RateLimiter rateLimiter, Clock clock) {
		this.rateLimiter = rateLimiter;
		this.clock = clock;
	}

	@Override
	public boolean appliesTo(TaskEndpoint endpoint) {
		return endpoint.rateLimit() != null;
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		RateLimit rateLimit = execution.endpoint().rateLimit();
		if (rateLimit == null || execution.queue() == null) {
			return chain.proceed(execution);
		}
		Duration wait = StoreCalls.whileUnavailable("check the rate limit of task", execution,
				() -> this.rateLimiter.acquire(execution.message().task(), rateLimit.intervalMicros(),
						execution.message().id()));
		if (wait.isZero()) {
			return chain.proceed(execution);
		}
		return new TaskOutcome.Deferred(execution.wireMessage(), this.clock.instant().plus(wait), "its rate limit");
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.RATE_LIMIT;
	}

}
