package io.taskq.broker.rabbit;

import java.util.function.Function;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import io.taskq.broker.DeliveryHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.broker.TaskPublishException;
import io.taskq.protocol.WireMessage;

/**
 * The broker on RabbitMQ: queues declared as Celery declares them, publishes confirmed by the broker, and one
 * listener container per consumed queue.
 */
public class RabbitTaskBroker implements TaskBroker {

	private final TaskQueueDeclarer declarer;

	private final TaskPublisher publisher;

	private final Function<String, AbstractMessageListenerContainer> containers;

	/**
	 * Create a broker.
	 * @param declarer declares queues
	 * @param publisher publishes with confirms
	 * @param containers creates the (unstarted) container of a queue
	 */
	public RabbitTaskBroker(TaskQueueDeclarer declarer, TaskPublisher publisher,
			Function<String, AbstractMessageListenerContainer> containers) {
		this.declarer = declarer;
		this.publisher = publisher;
		this.containers = containers;
	}

	@Override
	public void declare(String queue) {
		this.declarer.declare(queue);
	}

	@Override
	public void publish(String taskId, String queue, WireMessage message) {
		try {
			this.declarer.declare(queue);
		}
		catch (AmqpException ex) {
			throw new TaskPublishException(taskId, "Task " + taskId + " could not be published: its queue '" + queue
					+ "' could not be declared: " + ex.getMessage(), ex);
		}
		try {
			this.publisher.publish(taskId, queue, AmqpWireMessages.toAmqp(message));
		}
		catch (TaskPublisher.UnroutableTaskException ex) {
			// Deleted since it was declared: the next publish declares it again.
			this.declarer.forget(queue);
			throw ex;
		}
	}

	@Override
	public QueueConsumer consume(String queue, DeliveryHandler handler) {
		AbstractMessageListenerContainer container = this.containers.apply(queue);
		container.setQueueNames(queue);
		container.setMessageListener(new RabbitDeliveryListener(handler));
		container.afterPropertiesSet();
		return new ContainerConsumer(container);
	}

	/**
	 * A queue's consumers: a listener container.
	 */
	static final class ContainerConsumer implements QueueConsumer {

		private final AbstractMessageListenerContainer container;

		ContainerConsumer(AbstractMessageListenerContainer container) {
			this.container = container;
		}

		@Override
		public void start() {
			this.container.start();
		}

		@Override
		public void stop() {
			this.container.stop();
			this.container.destroy();
		}

		@Override
		public boolean isRunning() {
			return this.container.isRunning();
		}

		@Override
		public int activeConsumers() {
			return (this.container instanceof SimpleMessageListenerContainer simple)
					? simple.getActiveConsumerCount() : (this.container.isRunning() ? 1 : 0);
		}

		/**
		 * The container.
		 * @return the container
		 */
		AbstractMessageListenerContainer container() {
			return this.container;
		}

	}

}
