package io.taskq.broker.rabbit;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * Creates the listener container of each queue the worker consumes, from a container factory configured as Boot
 * configures its own (with the settings taskq's guarantees depend on set by taskq): a stopping container finishes
 * its running tasks within the shutdown timeout and returns prefetched ones to the queue, and an {@link Error} in
 * a consumer thread is logged, never a reason to exit the JVM. A {@link ContainerCustomizer} is applied to each
 * container last: it may change any of these settings, at the risk of taskq's guarantees.
 */
public class RabbitListenerContainers {

	private static final Log logger = LogFactory.getLog(RabbitListenerContainers.class);

	private final SimpleRabbitListenerContainerFactory factory;

	private final Duration shutdownTimeout;

	private final ContainerCustomizer<SimpleMessageListenerContainer> customizer;

	/**
	 * Create the containers' factory.
	 * @param factory the configured container factory
	 * @param shutdownTimeout how long a stopping container lets running tasks finish
	 * @param customizer applied to each container after taskq's own settings
	 */
	public RabbitListenerContainers(SimpleRabbitListenerContainerFactory factory, Duration shutdownTimeout,
			ContainerCustomizer<SimpleMessageListenerContainer> customizer) {
		this.factory = factory;
		this.shutdownTimeout = shutdownTimeout;
		this.customizer = customizer;
	}

	/**
	 * Create the (unstarted) container of a queue.
	 * @param queue the queue
	 * @return the container
	 */
	public AbstractMessageListenerContainer create(String queue) {
		SimpleMessageListenerContainer container = this.factory.createListenerContainer();
		container.setShutdownTimeout(this.shutdownTimeout.toMillis());
		// On stop, finish the running task only; prefetched, unstarted messages go back to the queue.
		container.setForceStop(true);
		container.setListenerId("taskq-" + queue);
		// Spring AMQP's default exits the JVM on an Error in a consumer thread; taskq's listener lets none out (a
		// handler's Error is a task failure), so one reaching here came from the container itself.
		container.setJavaLangErrorHandler((error) -> logger.error("Consumer of queue '" + queue + "' aborted by "
				+ error + "; its container stops (the taskq health indicator reports it DOWN), the JVM is not exited",
				error));
		this.customizer.configure(container);
		return container;
	}

}
