package io.taskq.broker;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;

/**
 * One message as the broker delivered it to this worker, until it is settled: acknowledged (done with, removed
 * from the queue) or requeued (given back for any worker). Settled once; later calls do nothing.
 */
public interface Delivery {

	/**
	 * The message.
	 * @return the message
	 */
	WireMessage message();

	/**
	 * The queue it came from.
	 * @return the queue name, or {@code null} if the broker did not say
	 */
	@Nullable String queue();

	/**
	 * Whether the broker delivered it before, to a consumer that did not settle it (it died, was stopped, or its
	 * connection was lost).
	 * @return whether it is a redelivery
	 */
	boolean isRedelivered();

	/**
	 * Acknowledge it, unless settled already.
	 */
	void ack();

	/**
	 * Give it back to the queue, unless settled already.
	 */
	void requeue();

	/**
	 * Whether it was acknowledged or requeued.
	 * @return whether it is settled
	 */
	boolean isSettled();

}
