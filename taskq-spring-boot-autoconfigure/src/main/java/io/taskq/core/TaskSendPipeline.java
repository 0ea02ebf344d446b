package io.taskq.core;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Runs each send through the {@link TaskSendInterceptor}s, in order, to the {@link TaskDispatcher}, then tells the
 * {@link TaskSendListener}s if the task was sent. The chain is compiled once; a send walks it by index.
 */
public class TaskSendPipeline {

	private static final Log logger = LogFactory.getLog(TaskSendPipeline.class);

	private final TaskSendInterceptor[] interceptors;

	private final TaskDispatcher dispatcher;

	private final TaskSendListener[] listeners;

	/**
	 * Create the pipeline.
	 * @param interceptors every interceptor, in any order
	 * @param dispatcher sends the message after the last interceptor
	 * @param listeners told of every task sent, in this order
	 */
	public TaskSendPipeline(List<TaskSendInterceptor> interceptors, TaskDispatcher dispatcher,
			List<TaskSendListener> listeners) {
		List<TaskSendInterceptor> sorted = new ArrayList<>(interceptors);
		AnnotationAwareOrderComparator.sort(sorted);
		this.interceptors = sorted.toArray(TaskSendInterceptor[]::new);
		this.dispatcher = dispatcher;
		this.listeners = listeners.toArray(TaskSendListener[]::new);
	}

	/**
	 * Send a task.
	 * @param task the send
	 * @return the handle the caller gets: the task's, or the one a step ended the send with
	 */
	public TaskHandle send(OutgoingTask task) {
		Cursor cursor = new Cursor(this.interceptors, this.dispatcher);
		TaskHandle handle = cursor.proceed(task);
		if (cursor.dispatched) {
			tellListeners(task);
		}
		return handle;
	}

	/**
	 * The interceptors, in the order a send goes through them.
	 * @return the chain
	 */
	public List<TaskSendInterceptor> chain() {
		return List.of(this.interceptors);
	}

	private void tellListeners(OutgoingTask task) {
		for (TaskSendListener listener : this.listeners) {
			try {
				listener.taskSent(task);
			}
			catch (RuntimeException ex) {
				logger.warn("Send listener " + listener + " failed on task " + task, ex);
			}
		}
	}

	/**
	 * Walks one send along the chain: each {@link #proceed} runs the next step, and after the last one the
	 * dispatcher.
	 */
	private static final class Cursor implements TaskSendInterceptor.Chain {

		private final TaskSendInterceptor[] chain;

		private final TaskDispatcher dispatcher;

		private int next;

		private boolean dispatched;

		Cursor(TaskSendInterceptor[] chain, TaskDispatcher dispatcher) {
			this.chain = chain;
			this.dispatcher = dispatcher;
		}

		@Override
		public TaskHandle proceed(OutgoingTask task) {
			if (this.next < this.chain.length) {
				return this.chain[this.next++].intercept(task, this);
			}
			this.dispatcher.dispatch(task);
			this.dispatched = true;
			return task.handle(task.taskId());
		}

	}

}
