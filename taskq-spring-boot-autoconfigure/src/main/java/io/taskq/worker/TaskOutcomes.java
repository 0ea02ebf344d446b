package io.taskq.worker;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Elects an outcome with every {@link TaskOutcomeElector} and applies it with every {@link TaskOutcomeHandler}, in
 * their order.
 */
public class TaskOutcomes {

	private final TaskOutcomeElector[] electors;

	private final TaskOutcomeHandler[] handlers;

	/**
	 * Create the outcomes.
	 * @param electors the electors, in any order
	 * @param handlers the handlers, in any order
	 */
	public TaskOutcomes(List<TaskOutcomeElector> electors, List<TaskOutcomeHandler> handlers) {
		this.electors = sorted(electors).toArray(TaskOutcomeElector[]::new);
		this.handlers = sorted(handlers).toArray(TaskOutcomeHandler[]::new);
	}

	private static <T> List<T> sorted(List<T> items) {
		List<T> sorted = new ArrayList<>(items);
		AnnotationAwareOrderComparator.sort(sorted);
		return sorted;
	}

	/**
	 * Elect the outcome to apply.
	 * @param execution the execution
	 * @param outcome the outcome the pipeline produced
	 * @return the elected outcome
	 */
	public TaskOutcome elect(TaskExecution execution, TaskOutcome outcome) {
		TaskOutcome elected = outcome;
		for (TaskOutcomeElector elector : this.electors) {
			elected = elector.elect(execution, elected);
		}
		return elected;
	}

	/**
	 * Apply an elected outcome.
	 * @param execution the execution
	 * @param outcome the outcome
	 */
	public void apply(TaskExecution execution, TaskOutcome outcome) {
		for (TaskOutcomeHandler handler : this.handlers) {
			handler.apply(execution, outcome);
		}
	}

}
