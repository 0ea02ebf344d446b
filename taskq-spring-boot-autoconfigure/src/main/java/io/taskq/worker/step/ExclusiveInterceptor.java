package io.taskq.worker.step;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.store.LeaseStore;
import io.taskq.store.RateLimiter;
import io.taskq.store.ResultStore;
import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.LeaseKeeper;
import io.taskq.worker.OnConflict;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskArgumentException;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;

/**
 * Keeps runs of an {@linkplain ExclusivePolicy exclusive} task apart: at most one run at a time holds the lease
 * {@code exclusive:<task>:<key value>}, across every worker, renewed while it runs and given up once its outcome is
 * stored (or, for a run abandoned at its hard time limit, once its thread has really ended). A run that meets a held
 * key waits on the schedule ({@code RETRY}) or does not run ({@code SKIP}, REVOKED); it gives back a rate-limit slot
 * it had reserved. A second copy of the very task that holds the key (a redelivery while it runs elsewhere) is
 * neither skipped nor run beside it: it waits, and is dropped once the first run has stored its outcome.
 */
public class ExclusiveInterceptor implements TaskInterceptor {

	/** Marks a copy of a task put back on the schedule because the same task was running elsewhere. */
	public static final String RUNNING_COPY_HEADER = "x-taskq-running-copy";

	private final LeaseStore leases;

	private final LeaseKeeper keeper;

	private final ResultStore results;

	private final RateLimiter rateLimiter;

	/**
	 * Create the step.
	 * @param leases takes the leases
	 * @param keeper renews and releases them
	 * @param results tells whether a task finished elsewhere
	 * @param rateLimiter takes back a slot a waiting run had reserved
	 */
	public ExclusiveInterceptor(LeaseStore leases, LeaseKeeper keeper, ResultStore results, RateLimiter rateLimiter) {
		this.leases = leases;
		this.keeper = keeper;
		this.results = results;
		this.rateLimiter = rateLimiter;
	}

	@Override
	public boolean appliesTo(TaskEndpoint endpoint) {
		return endpoint.exclusive().isExclusive();
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		ExclusivePolicy policy = execution.endpoint().exclusive();
		String task = execution.message().task();
		String value;
		try {
			value = policy.evaluate(task, execution.task().invoker().arguments(execution.message()));
		}
		catch (TaskArgumentException ex) {
			return new TaskOutcome.Rejected("invalid-arguments", ex, TaskErrors.of(ex));
		}
		String name = "exclusive:" + task + ":" + value;
		String taskId = execution.message().id();
		String holder = taskId + "|" + UUID.randomUUID();
		String current = StoreCalls.whileUnavailable("take the exclusive lease of task", execution,
				() -> this.leases.acquire(name, holder, policy.lease()));
		if (current != null) {
			return conflict(execution, policy, value, current.startsWith(taskId + "|"));
		}
		LeaseKeeper.Held held = this.keeper.keep(name, holder, policy.lease(), "Task " + execution);
		execution.whenCompleted((applied) -> {
			CompletionStage<Void> threadEnd = execution.attribute(TimeLimitInterceptor.ABANDONED_THREAD_END);
			if (threadEnd != null) {
				threadEnd.whenComplete((ended, failure) -> held.release());
			}
			else {
				held.release();
			}
		});
		if (execution.wireMessage().header(RUNNING_COPY_HEADER) != null && finishedElsewhere(execution)) {
			return new TaskOutcome.Dropped("finished elsewhere");
		}
		return chain.proceed(execution);
	}

	private TaskOutcome conflict(TaskExecution execution, ExclusivePolicy policy, String value, boolean sameTask) {
		if (execution.endpoint().rateLimit() != null) {
			StoreCalls.whileUnavailable("give back the rate-limit slot of task", execution,
					() -> this.rateLimiter.release(execution.message().task(), execution.message().id()));
		}
		if (execution.queue() != null && sameTask) {
			return new TaskOutcome.Deferred(execution.wireMessage().withHeader(RUNNING_COPY_HEADER, true),
					execution.receivedAt().plus(policy.retryDelay()),
					"it is already running elsewhere (exclusive key '" + value + "')");
		}
		if (execution.queue() != null && policy.onConflict() == OnConflict.RETRY) {
			return new TaskOutcome.Deferred(execution.wireMessage(), execution.receivedAt().plus(policy.retryDelay()),
					"exclusive key '" + value + "' is held by another run");
		}
		return new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.SKIPPED,
				"skipped: exclusive key '" + value + "' is held by another run");
	}

	private boolean finishedElsewhere(TaskExecution execution) {
		TaskResult stored = StoreCalls.whileUnavailable("read the state of task", execution,
				() -> this.results.get(execution.message().id()));
		return stored != null && stored.isReady();
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.EXCLUSIVE;
	}

}
