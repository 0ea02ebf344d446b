package io.taskq.worker.step;

import io.taskq.worker.RunningTasks;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskTerminatedException;

/**
 * Registers the running task under its id, so that a revoke with {@code terminate} interrupts its thread; a task
 * terminated so ends REVOKED, however its handler then ends.
 */
public class TerminationInterceptor implements TaskInterceptor {

	private final RunningTasks runningTasks;

	/**
	 * Create the step.
	 * @param runningTasks the tasks running on this worker
	 */
	public TerminationInterceptor(RunningTasks runningTasks) {
		this.runningTasks = runningTasks;
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		try {
			return this.runningTasks.run(execution.message().id(), () -> chain.proceed(execution));
		}
		catch (TaskTerminatedException ex) {
			return new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.TERMINATED, "terminated");
		}
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.TERMINATION;
	}

}
