package io.taskq.worker;

import org.springframework.core.Ordered;

/**
 * Elects the final outcome of a task before it is applied: may replace the outcome the pipeline produced (a
 * failure with retries left becomes a retry). Electors run in their {@linkplain #getOrder() order}, each given
 * what the previous one elected.
 */
@FunctionalInterface
public interface TaskOutcomeElector extends Ordered {

	/**
	 * Elect the outcome.
	 * @param execution the execution
	 * @param outcome the outcome so far
	 * @return the outcome to apply
	 */
	TaskOutcome elect(TaskExecution execution, TaskOutcome outcome);

	@Override
	default int getOrder() {
		return 0;
	}

}
