package io.taskq.broker.rabbit;

import com.rabbitmq.client.Channel;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import io.taskq.broker.DeliveryHandler;

/**
 * The listener of taskq's containers: hands each AMQP delivery to the worker and requeues it if the worker could
 * not settle it. No {@link Error} leaves it: thrown on, Spring AMQP would abort the consumer and stop its container
 * (or, with its default error handler, exit the JVM); the message goes back to the queue instead, where the poison
 * count stops it if it keeps doing this.
 */
final class RabbitDeliveryListener implements ChannelAwareMessageListener {

	private final DeliveryHandler handler;

	RabbitDeliveryListener(DeliveryHandler handler) {
		this.handler = handler;
	}

	@Override
	public void onMessage(Message message, Channel channel) {
		MessageProperties properties = message.getMessageProperties();
		RabbitDelivery delivery = new RabbitDelivery(AmqpWireMessages.fromAmqp(message),
				properties.getConsumerQueue(), Boolean.TRUE.equals(properties.isRedelivered()), channel,
				properties.getDeliveryTag());
		try {
			this.handler.handle(delivery);
		}
		catch (RuntimeException ex) {
			delivery.requeue();
			throw ex;
		}
		catch (Error error) {
			delivery.requeue();
			throw new IllegalStateException("Could not process message " + delivery.message().describe()
					+ " from queue '" + delivery.queue() + "': " + error + "; it goes back to the queue", error);
		}
	}

}
