package io.taskq.broker.rabbit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;

import io.taskq.broker.Delivery;
import io.taskq.protocol.WireMessage;

/**
 * A delivery from a RabbitMQ channel, settled exactly once, by an ack or a requeue, from whichever thread gets there
 * first (the consumer after the task, or the timer when a long task switches to a lease).
 */
final class RabbitDelivery implements Delivery {

	private final WireMessage message;

	private final @Nullable String queue;

	private final boolean redelivered;

	private final Channel channel;

	private final long deliveryTag;

	private final AtomicBoolean settled = new AtomicBoolean();

	RabbitDelivery(WireMessage message, @Nullable String queue, boolean redelivered, Channel channel,
			long deliveryTag) {
		this.message = message;
		this.queue = queue;
		this.redelivered = redelivered;
		this.channel = channel;
		this.deliveryTag = deliveryTag;
	}

	@Override
	public WireMessage message() {
		return this.message;
	}

	@Override
	public @Nullable String queue() {
		return this.queue;
	}

	@Override
	public boolean isRedelivered() {
		return this.redelivered;
	}

	@Override
	public void ack() {
		if (this.settled.compareAndSet(false, true)) {
			try {
				this.channel.basicAck(this.deliveryTag, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not acknowledge delivery " + this.deliveryTag, ex);
			}
		}
	}

	@Override
	public void requeue() {
		if (this.settled.compareAndSet(false, true)) {
			try {
				this.channel.basicNack(this.deliveryTag, false, true);
			}
			catch (IOException | RuntimeException ex) {
				// The channel is gone: the broker returns the unacknowledged delivery to the queue itself.
			}
		}
	}

	@Override
	public boolean isSettled() {
		return this.settled.get();
	}

}
