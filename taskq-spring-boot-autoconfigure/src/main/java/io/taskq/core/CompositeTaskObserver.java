package io.taskq.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

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

	@Override
	public void taskStarted(String task, @Nullable Duration queueWait) {
		this.observers.forEach((observer) -> observer.taskStarted(task, queueWait));
	}

	@Override
	public void taskFinished(String task, Outcome outcome, Duration duration) {
		this.observers.forEach((observer) -> observer.taskFinished(task, outcome, duration));
	}

	@Override
	public void messageDeadLettered(String reason, @Nullable String task) {
		this.observers.forEach((observer) -> observer.messageDeadLettered(reason, task));
	}

}
