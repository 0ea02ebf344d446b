package io.taskq.broker;

import io.taskq.protocol.WireMessage;

/**
 * The message broker as taskq uses it: declare a task queue, publish to it with the broker's confirm, and
 * consume from it. The default is RabbitMQ ({@code io.taskq.broker.rabbit}); nothing above this interface knows
 * which broker it is.
 */
public interface TaskBroker {

	/**
	 * Declare a task queue as Celery does, unless this process did already.
	 * @param queue the queue name
	 * @throws RuntimeException the broker client's exception if the broker cannot be reached or refuses the queue
	 */
	void declare(String queue);

	/**
	 * Publish a message to a queue, declared first unless this process did already (as Celery's producer does), and
	 * wait until the broker has taken responsibility for it. A queue that turns out not to exist (deleted since it
	 * was declared) is declared again for the next publish.
	 * @param taskId the task's id, for errors
	 * @param queue the queue name
	 * @param message the message
	 * @throws TaskPublishException if the broker did not confirm the message or could not route it
	 */
	void publish(String taskId, String queue, WireMessage message);

	/**
	 * Create a consumer of a queue, not yet started, handing each delivery to a handler.
	 * @param queue the queue name
	 * @param handler runs each delivery and settles it
	 * @return the consumer
	 */
	QueueConsumer consume(String queue, DeliveryHandler handler);

	/**
	 * The consumers of one queue in this process.
	 */
	interface QueueConsumer {

		/**
		 * Start consuming.
		 */
		void start();

		/**
		 * Stop consuming, letting deliveries being handled finish within the worker's shutdown timeout and
		 * returning prefetched, unhandled ones to the queue.
		 */
		void stop();

		/**
		 * Whether it consumes.
		 * @return whether it runs
		 */
		boolean isRunning();

		/**
		 * How many consumers are attached to the queue now.
		 * @return the number of active consumers
		 */
		int activeConsumers();

	}

}
