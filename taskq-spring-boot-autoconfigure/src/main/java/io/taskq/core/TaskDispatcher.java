package io.taskq.core;

/**
 * Sends a task's message once the {@link TaskSendInterceptor}s are done: the last step of every send.
 */
@FunctionalInterface
public interface TaskDispatcher {

	/**
	 * Send a task's message, or put it where it waits until due.
	 * @param task the send in flight, its message complete
	 * @throws io.taskq.broker.TaskPublishException if the broker did not take the message
	 */
	void dispatch(OutgoingTask task);

}
