package io.taskq.worker;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Several {@link TaskLifecycleListener}s as one, in order; one that throws is logged and the others are still
 * told.
 */
final class TaskLifecycleListeners implements TaskLifecycleListener {

	private static final Log logger = LogFactory.getLog(TaskLifecycleListeners.class);

	private final TaskLifecycleListener[] listeners;

	private TaskLifecycleListeners(List<TaskLifecycleListener> listeners) {
		this.listeners = listeners.toArray(TaskLifecycleListener[]::new);
	}

	static TaskLifecycleListener of(List<TaskLifecycleListener> listeners) {
		return new TaskLifecycleListeners(listeners);
	}

	@Override
	public void taskStarted(TaskExecution execution) {
		for (TaskLifecycleListener listener : this.listeners) {
			try {
				listener.taskStarted(execution);
			}
			catch (RuntimeException ex) {
				logger.warn("Lifecycle listener " + listener + " failed on the start of task " + execution, ex);
			}
		}
	}

	@Override
	public void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
		for (TaskLifecycleListener listener : this.listeners) {
			try {
				listener.taskCompleted(execution, outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Lifecycle listener " + listener + " failed on the outcome of task " + execution, ex);
			}
		}
	}

}
