package io.taskq.worker;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.taskq.broker.Delivery;
import io.taskq.broker.DeliveryHandler;

/**
 * What the worker does with every delivery, whatever the broker: read it (decode, find its task), run it through
 * the task's chain of {@link TaskInterceptor}s to the handler, elect and apply the outcome, run the completion
 * callbacks, tell the {@link TaskLifecycleListener}s, and acknowledge the delivery. If anything throws on the way
 * (the worker is stopping, a store cannot be reached), the callbacks run without an outcome, the listeners are told
 * it was {@link TaskOutcome.Requeued requeued}, and the delivery goes back to the queue.
 */
public class TaskPipeline implements DeliveryHandler {

	private static final Log logger = LogFactory.getLog(TaskPipeline.class);

	private final TaskReader reader;

	private final TaskChains chains;

	private final TaskOutcomes outcomes;

	private final TaskLifecycleListener listeners;

	/**
	 * Create a pipeline.
	 * @param reader reads deliveries
	 * @param chains runs each task through its interceptors to its handler
	 * @param outcomes elects and applies outcomes
	 * @param listeners told of every delivery's outcome
	 */
	public TaskPipeline(TaskReader reader, TaskChains chains, TaskOutcomes outcomes,
			List<TaskLifecycleListener> listeners) {
		this.reader = reader;
		this.chains = chains;
		this.outcomes = outcomes;
		this.listeners = TaskLifecycleListeners.of(listeners);
	}

	private void requeued(TaskExecution execution, Throwable cause) {
		execution.complete(null);
		this.listeners.taskCompleted(execution, new TaskOutcome.Requeued(cause));
	}

	@Override
	public void handle(Delivery delivery) {
		TaskReader.Read read = this.reader.read(delivery);
		TaskExecution execution = read.execution();
		TaskOutcome applied;
		try {
			TaskOutcome outcome = (read.rejection() != null) ? read.rejection() : this.chains.run(execution);
			applied = this.outcomes.elect(execution, outcome);
			this.outcomes.apply(execution, applied);
		}
		catch (Exception ex) {
			RuntimeException failure = (ex instanceof InterruptedException)
					? new IllegalStateException("Worker stopped while task " + execution + " ran; it goes back to the "
							+ "queue", ex)
					: (ex instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException("Could not process task " + execution + ": " + ex, ex);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			requeued(execution, failure);
			throw failure;
		}
		catch (Error error) {
			requeued(execution, error);
			throw error;
		}
		execution.complete(applied);
		this.listeners.taskCompleted(execution, applied);
		delivery.ack();
		if (logger.isTraceEnabled()) {
			logger.trace("Task " + execution + " ended " + applied);
		}
	}

}
