package io.taskq.broker.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

import io.taskq.broker.TaskPublishException;

/**
 * Publishes task messages with publisher confirms: {@link #publish} returns once the broker has confirmed the
 * message and has not returned it as unroutable, and throws {@link TaskPublishException} otherwise. The
 * message goes out exactly as encoded (no client-specific headers are added). Needs a connection factory
 * with simple publisher confirms.
 */
public class TaskPublisher implements DisposableBean {

	private final RabbitTemplate rabbitTemplate;

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	private final Duration confirmTimeout;

	private final ConnectionFactory connectionFactory;

	private final boolean ownsConnectionFactory;

	/**
	 * Create a publisher.
	 * @param connectionFactory a connection factory with simple publisher confirms
	 * @param confirmTimeout how long to wait for the broker's confirm
	 * @param ownsConnectionFactory whether destroying the publisher destroys the connection factory
	 */
	public TaskPublisher(ConnectionFactory connectionFactory, Duration confirmTimeout,
			boolean ownsConnectionFactory) {
		Assert.isTrue(connectionFactory.isSimplePublisherConfirms(),
				"taskq publishes with publisher confirms: the connection factory must use ConfirmType.SIMPLE");
		this.rabbitTemplate = new RabbitTemplate(connectionFactory);
		this.confirmTimeout = confirmTimeout;
		this.connectionFactory = connectionFactory;
		this.ownsConnectionFactory = ownsConnectionFactory;
	}

	@Override
	public void destroy() throws Exception {
		if (this.ownsConnectionFactory && this.connectionFactory instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	/**
	 * Publish to the default exchange with the queue name as routing key (Celery's way), mandatory, and wait
	 * for the confirm.
	 * @param taskId the id of the task being published, for errors
	 * @param queue the queue name
	 * @param message the encoded message
	 * @throws TaskPublishException if the broker did not confirm the message or could not route it
	 */
	public void publish(String taskId, String queue, Message message) {
		AMQP.BasicProperties properties = this.propertiesConverter
			.fromMessageProperties(message.getMessageProperties(), "UTF-8");
		try {
			this.rabbitTemplate.execute((channel) -> {
				publish(channel, taskId, queue, properties, message.getBody());
				return null;
			});
		}
		catch (AmqpException ex) {
			if (ex.getCause() instanceof TaskPublishException publishException) {
				throw publishException;
			}
			throw new TaskPublishException(taskId,
					"Task " + taskId + " could not be published to queue '" + queue + "': " + ex.getMessage(), ex);
		}
	}

	private void publish(Channel channel, String taskId, String queue, AMQP.BasicProperties properties, byte[] body)
			throws IOException, InterruptedException {
		AtomicReference<String> returned = new AtomicReference<>();
		ReturnListener returnListener = (replyCode, replyText, exchange, routingKey, returnedProperties,
				returnedBody) -> {
			if (taskId.equals(returnedProperties.getCorrelationId())) {
				returned.set(replyCode + " " + replyText);
			}
		};
		channel.addReturnListener(returnListener);
		boolean acked;
		try {
			channel.basicPublish("", queue, true, properties, body);
			acked = channel.waitForConfirms(this.confirmTimeout.toMillis());
			if (!acked && returned.get() == null) {
				// RabbitMQ returns an unroutable message before its confirm, but another broker (Apache Qpid
				// Broker-J) nacks it first: the reply to a synchronous call comes after a return sent before it.
				channel.basicQos(0);
			}
		}
		catch (TimeoutException ex) {
			// A confirm that comes later must not count for the next message on this channel.
			channel.abort(AMQP.PRECONDITION_FAILED, "TIMEOUT WAITING FOR ACK");
			throw new TaskPublishException(taskId,
					"Task " + taskId + " was not confirmed by the broker within " + this.confirmTimeout, ex);
		}
		catch (IOException ex) {
			throw new TaskPublishException(taskId,
					"Task " + taskId + " was rejected by the broker (channel error): " + ex.getMessage(), ex);
		}
		finally {
			channel.removeReturnListener(returnListener);
		}
		if (returned.get() != null) {
			throw new UnroutableTaskException(taskId, queue, returned.get());
		}
		if (!acked) {
			throw new TaskPublishException(taskId, "Task " + taskId + " was rejected by the broker (nack)", null);
		}
	}

	/**
	 * Thrown when the broker returned a task message as unroutable: its queue does not exist.
	 */
	public static class UnroutableTaskException extends TaskPublishException {

		private final String queue;

		UnroutableTaskException(String taskId, String queue, String reply) {
			super(taskId, "Task " + taskId + " could not be routed to queue '" + queue + "' (" + reply
					+ "): the queue does not exist", null);
			this.queue = queue;
		}

		/**
		 * The queue that does not exist.
		 * @return the queue name
		 */
		public String getQueue() {
			return this.queue;
		}

	}

}
