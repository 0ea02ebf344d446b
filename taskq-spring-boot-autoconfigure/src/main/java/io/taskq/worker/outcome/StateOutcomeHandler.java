package io.taskq.worker.outcome;

import io.taskq.core.TaskRetryException;
import io.taskq.result.TaskErrors;
import io.taskq.result.TaskState;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskOutcomeHandler;
import io.taskq.worker.TaskOutcomeHandlerOrder;
import io.taskq.worker.TaskStateWriter;

/**
 * Stores the state an outcome stands for, in Celery's result format: SUCCESS with the result, FAILURE and RETRY
 * with the exception and its traceback (for a task that stores results), REVOKED with
 * {@code TaskRevokedError(reason)}, and FAILURE for a rejected message whose task id is known. A deferred or
 * dropped task stores nothing.
 */
public class StateOutcomeHandler implements TaskOutcomeHandler {

	private final TaskStateWriter states;

	/**
	 * Create the handler.
	 * @param states stores states
	 */
	public StateOutcomeHandler(TaskStateWriter states) {
		this.states = states;
	}

	@Override
	public void apply(TaskExecution execution, TaskOutcome outcome) {
		if (outcome instanceof TaskOutcome.Rejected rejected) {
			String taskId = execution.taskId();
			if (taskId != null) {
				this.states.writeRejected(taskId,
						(rejected.storedError() != null) ? rejected.storedError() : TaskErrors.of(rejected.error()),
						TaskErrors.traceback(rejected.error()));
			}
		}
		else if (outcome instanceof TaskOutcome.Revoked revoked) {
			if (revoked.kind() != TaskOutcome.Revoked.Kind.SKIPPED || execution.storesResult()) {
				this.states.writeRevoked(execution, TaskErrors.of("TaskRevokedError", "celery.exceptions",
						revoked.reason()));
			}
		}
		else if (execution.storesResult()) {
			if (outcome instanceof TaskOutcome.Succeeded succeeded) {
				this.states.write(execution, TaskState.SUCCESS, succeeded.result(), null);
			}
			else if (outcome instanceof TaskOutcome.Failed failed) {
				this.states.write(execution, TaskState.FAILURE, TaskErrors.of(failed.error()),
						TaskErrors.traceback(failed.error()));
			}
			else if (outcome instanceof TaskOutcome.Retrying retrying) {
				// A retry asked for without a cause stores no exception, only where it was asked for.
				Throwable reason = retrying.reason();
				this.states.write(execution, TaskState.RETRY,
						(reason instanceof TaskRetryException) ? null : TaskErrors.of(reason),
						TaskErrors.traceback(reason));
			}
		}
	}

	@Override
	public int getOrder() {
		return TaskOutcomeHandlerOrder.STATE;
	}

}
