package io.taskq.broker.rabbit;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;

import io.taskq.broker.AbstractDelivery;
import io.taskq.protocol.WireMessage;

/**
 * A delivery from a RabbitMQ channel.
 */
final class RabbitDelivery extends AbstractDelivery {

	private final Channel channel;

	private final long deliveryTag;

	RabbitDelivery(WireMessage message, @Nullable String queue, boolean redelivered, Channel channel,
			long deliveryTag) {
		super(message, queue, redelivered);
		this.channel = channel;
		this.deliveryTag = deliveryTag;
	}

	@Override
	protected void acknowledge() {
		try {
			this.channel.basicAck(this.deliveryTag, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not acknowledge delivery " + this.deliveryTag, ex);
		}
	}

	@Override
	protected void giveBack() {
		try {
			this.channel.basicNack(this.deliveryTag, false, true);
		}
		catch (IOException | RuntimeException ex) {
			// The channel is gone: the broker returns the unacknowledged delivery to the queue itself.
		}
	}

}
