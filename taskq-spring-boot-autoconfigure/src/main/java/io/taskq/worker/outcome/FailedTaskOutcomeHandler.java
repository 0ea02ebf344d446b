package io.taskq.worker.outcome;

import java.time.Clock;

import io.taskq.result.TaskErrors;
import io.taskq.store.FailedTask;
import io.taskq.store.FailedTaskStore;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskOutcomeHandler;
import io.taskq.worker.TaskOutcomeHandlerOrder;

/**
 * Keeps a task that failed for good, with its message, in the failed-task store, to be re-driven.
 */
public class FailedTaskOutcomeHandler implements TaskOutcomeHandler {

	private final FailedTaskStore failedTasks;

	private final Clock clock;

	/**
	 * Create the handler.
	 * @param failedTasks the store
	 * @param clock tells when a task failed
	 */
	public FailedTaskOutcomeHandler(FailedTaskStore failedTasks, Clock clock) {
		this.failedTasks = failedTasks;
		this.clock = clock;
	}

	@Override
	public void apply(TaskExecution execution, TaskOutcome outcome) {
		String queue = execution.queue();
		if (outcome instanceof TaskOutcome.Failed failed && queue != null) {
			Throwable error = failed.error();
			FailedTask failure = new FailedTask(execution.message().id(), execution.message().task(), queue,
					execution.message().retries(), error.getClass().getName(), error.getMessage(),
					TaskErrors.traceback(error), this.clock.instant());
			StoreCalls.whileUnavailable("keep the failure of task", execution,
					() -> this.failedTasks.add(failure, execution.wireMessage()));
		}
	}

	@Override
	public int getOrder() {
		return TaskOutcomeHandlerOrder.FAILED_TASKS;
	}

}
