package io.taskq.worker;

import org.springframework.core.Ordered;

/**
 * Applies an elected outcome: schedules what runs later, stores the state, keeps the failed task, dead-letters the
 * unrunnable. Each side effect lives in exactly one handler; handlers run in their {@linkplain #getOrder() order}
 * (taskq's own in {@link TaskOutcomeHandlerOrder}) and each applies only the outcomes it is about. The delivery is
 * acknowledged once every handler has applied the outcome; a handler that throws sends it back to the queue.
 */
@FunctionalInterface
public interface TaskOutcomeHandler extends Ordered {

	/**
	 * Apply an outcome, if it concerns this handler.
	 * @param execution the execution
	 * @param outcome the elected outcome
	 */
	void apply(TaskExecution execution, TaskOutcome outcome);

	@Override
	default int getOrder() {
		return 0;
	}

}
