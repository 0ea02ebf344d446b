package io.taskq.worker;

/**
 * A step for unit tests, at a given order.
 *
 * @param order the step's order
 * @param step what it does
 */
public record TestInterceptor(int order, Step step) implements TaskInterceptor {

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		return this.step.intercept(execution, chain);
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * What a step does.
	 */
	@FunctionalInterface
	public interface Step {

		/**
		 * Take part in the run of a task.
		 * @param execution the execution
		 * @param chain the steps after this one
		 * @return the outcome
		 * @throws Exception if processing cannot go on
		 */
		TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception;

	}

}
