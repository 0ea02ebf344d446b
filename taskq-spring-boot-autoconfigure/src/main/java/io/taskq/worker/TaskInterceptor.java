package io.taskq.worker;

import org.springframework.core.Ordered;

/**
 * A step around the run of a task: it may look at the execution, end it with an outcome of its own (a revoked
 * task does not run; a rate-limited one is deferred), or {@link Chain#proceed proceed} to the next step and look at
 * or change what comes back. Steps run in their {@linkplain #getOrder() order} ({@link TaskInterceptorOrder} names
 * taskq's own); each task's chain is compiled once, from the steps that {@linkplain #appliesTo apply} to it, so a
 * step that does not apply costs nothing.
 * <p>
 * A step that must act once the outcome is applied (a lease released only after the outcome is stored) registers
 * a {@link TaskExecution#whenCompleted completion callback}. An exception a step throws (the worker stopping, a
 * store that cannot be reached) ends processing: the delivery goes back to the queue.
 */
public interface TaskInterceptor extends Ordered {

	/**
	 * Take part in the run of a task.
	 * @param execution the execution
	 * @param chain the steps after this one, ending with the handler
	 * @return the outcome
	 * @throws Exception if processing cannot go on
	 */
	TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception;

	/**
	 * Whether this step takes part in the runs of a task; asked once per task.
	 * @param endpoint the task's endpoint
	 * @return whether it applies
	 */
	default boolean appliesTo(TaskEndpoint endpoint) {
		return true;
	}

	/**
	 * The steps after an interceptor.
	 */
	@FunctionalInterface
	interface Chain {

		/**
		 * Run the next step.
		 * @param execution the execution
		 * @return the outcome
		 * @throws Exception if processing cannot go on
		 */
		TaskOutcome proceed(TaskExecution execution) throws Exception;

	}

}
