package io.taskq.core;

import java.util.List;


/**
 * Tells several {@link TaskObserver}s, in order.
 */
public final class CompositeTaskObserver implements TaskObserver {

	private final List<TaskObserver> observers;

	private CompositeTaskObserver(List<TaskObserver> observers) {
		this.observers = List.copyOf(observers);
	}

	/**
	 * One observer for all of them.
	 * @param observers the observers
	 * @return {@link TaskObserver#NONE}, the only observer, or a composite
	 */
	public static TaskObserver of(List<TaskObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		return (observers.size() == 1) ? observers.get(0) : new CompositeTaskObserver(observers);
	}

	@Override
	public void taskSent(String task, String queue) {
		this.observers.forEach((observer) -> observer.taskSent(task, queue));
	}

}
