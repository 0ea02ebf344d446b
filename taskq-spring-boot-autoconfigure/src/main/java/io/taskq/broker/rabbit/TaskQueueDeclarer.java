package io.taskq.broker.rabbit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;

/**
 * Declares task queues the way Celery does ({@code celery-protocol.md} §1.1): a durable queue {@code <name>}
 * bound with routing key {@code <name>} to a durable direct exchange {@code <name>}, with no arguments unless
 * configured for that queue (for example {@code x-max-priority}). A queue that already exists with other flags or arguments (declared by someone else) is used
 * as it is. Each queue is declared once per process; {@link #forget(String)} makes the next use declare it
 * again.
 */
public class TaskQueueDeclarer {

	private static final Log logger = LogFactory.getLog(TaskQueueDeclarer.class);

	private final AmqpAdmin amqpAdmin;

	private final Function<String, Map<String, Object>> queueArguments;

	private final Set<String> declared = ConcurrentHashMap.newKeySet();

	/**
	 * Create a declarer.
	 * @param amqpAdmin the admin used to declare
	 * @param queueArguments the arguments of each queue by name (none by default, as Celery's)
	 */
	public TaskQueueDeclarer(AmqpAdmin amqpAdmin, Function<String, Map<String, Object>> queueArguments) {
		this.amqpAdmin = amqpAdmin;
		this.queueArguments = queueArguments;
	}

	/**
	 * Declare the queue, its exchange and the binding, unless done already.
	 * @param queueName the queue name
	 */
	public void declare(String queueName) {
		if (this.declared.contains(queueName)) {
			return;
		}
		DirectExchange exchange = new DirectExchange(queueName, true, false);
		Map<String, Object> arguments = this.queueArguments.apply(queueName);
		Queue queue = new Queue(queueName, true, false, false, arguments);
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(queueName);
		try {
			this.amqpAdmin.declareExchange(exchange);
			this.amqpAdmin.declareQueue(queue);
			this.amqpAdmin.declareBinding(binding);
		}
		catch (AmqpException ex) {
			if (this.amqpAdmin.getQueueInfo(queueName) == null) {
				throw ex;
			}
			// A warning: with taskq.queue-max-priority set, say, the queue as it is ignores priorities.
			logger.warn("Queue '" + queueName + "' exists with other arguments than taskq declares (" + arguments
					+ "); using it as it is, so what those arguments do (such as priorities) does not apply. Delete the "
					+ "queue, or make the settings match, to change that. Broker: " + ex.getMessage());
		}
		this.declared.add(queueName);
	}

	/**
	 * Forget that a queue was declared, so that its next use declares it again.
	 * @param queueName the queue name
	 */
	public void forget(String queueName) {
		this.declared.remove(queueName);
	}

}
