package io.taskq.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;

/**
 * The pending acknowledgement of one delivery: settled exactly once, by an ack or a requeue, from whichever
 * thread gets there first (the consumer after the task, or the watchdog when a long task switches to a lease).
 */
final class Acknowledgement {

	private final Channel channel;

	private final long deliveryTag;

	private final AtomicBoolean settled = new AtomicBoolean();

	Acknowledgement(Channel channel, long deliveryTag) {
		this.channel = channel;
		this.deliveryTag = deliveryTag;
	}

	/**
	 * Acknowledge the delivery, unless it is settled already.
	 */
	void ack() {
		if (this.settled.compareAndSet(false, true)) {
			try {
				this.channel.basicAck(this.deliveryTag, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not acknowledge delivery " + this.deliveryTag, ex);
			}
		}
	}

	/**
	 * Return the delivery to its queue, unless it is settled already.
	 */
	void requeue() {
		if (this.settled.compareAndSet(false, true)) {
			try {
				this.channel.basicNack(this.deliveryTag, false, true);
			}
			catch (IOException | RuntimeException ex) {
				// The channel is gone: the broker returns the unacknowledged delivery to the queue itself.
			}
		}
	}

	boolean isSettled() {
		return this.settled.get();
	}

}
