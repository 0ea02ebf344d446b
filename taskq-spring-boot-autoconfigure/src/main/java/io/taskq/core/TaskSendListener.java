package io.taskq.core;

/**
 * Told of every task sent: its message was published and confirmed, or put on the schedule. Not told of a send
 * that failed, nor of one that ended early (an idempotency key claimed before). Listeners never change a send and
 * must not throw; they run on the sending thread, so they must be quick. Metrics are one.
 */
@FunctionalInterface
public interface TaskSendListener {

	/**
	 * A task was sent.
	 * @param task the send, its message as sent
	 */
	void taskSent(OutgoingTask task);

}
