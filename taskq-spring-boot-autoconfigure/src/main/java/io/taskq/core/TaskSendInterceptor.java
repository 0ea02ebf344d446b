package io.taskq.core;

import org.springframework.core.Ordered;

/**
 * A step around the send of a task: it may look at or change the {@link OutgoingTask} (its message, its queue),
 * end the send with a handle of its own (a send whose idempotency key was claimed before returns the earlier
 * task's handle and sends nothing), or {@link Chain#proceed proceed} to the next step and act on what comes back
 * or on a failure. Steps run in their {@linkplain #getOrder() order} ({@link TaskSendInterceptorOrder} names
 * taskq's own); after the last one the {@link TaskDispatcher} sends the message. An exception a step throws ends
 * the send: the caller gets it.
 */
public interface TaskSendInterceptor extends Ordered {

	/**
	 * Take part in the send of a task.
	 * @param task the send in flight
	 * @param chain the steps after this one, ending with the dispatcher
	 * @return the handle the caller gets
	 */
	TaskHandle intercept(OutgoingTask task, Chain chain);

	/**
	 * The steps after an interceptor.
	 */
	@FunctionalInterface
	interface Chain {

		/**
		 * Run the next step.
		 * @param task the send in flight
		 * @return the handle the caller gets
		 */
		TaskHandle proceed(OutgoingTask task);

	}

}
