package io.taskq.revoke;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * Celery's remote control ("pidbox", {@code celery-protocol.md} §4.4) for this worker: a queue
 * {@code <nodename>.celery.pidbox}, with Celery's own flags, bound to the {@code celery.pidbox} fanout exchange.
 * A {@code revoke} command for this node ({@code celery control revoke}, {@code app.control.revoke(...)}) is
 * persisted and applied like {@link RevocationStore#revoke}; other commands are ignored. A command that cannot
 * be read is logged and dropped.
 * <p>
 * The queue is auto-deleted when the worker disconnects, so it is declared again on every new connection.
 */
public class CeleryRemoteControl implements SmartLifecycle, MessageListener, ConnectionListener {

	/** Celery's control exchange ({@code control_exchange} "celery" + ".pidbox"). */
	public static final String EXCHANGE = "celery.pidbox";

	private static final Log logger = LogFactory.getLog(CeleryRemoteControl.class);

	private final ConnectionFactory connectionFactory;

	private final AmqpAdmin amqpAdmin;

	private final String nodeName;

	private final ObjectMapper objectMapper;

	private final RevocationStore revocationStore;

	private final FanoutExchange exchange = new FanoutExchange(EXCHANGE, false, false);

	private final Queue queue;

	private final Binding binding;

	private volatile @Nullable SimpleMessageListenerContainer container;

	/**
	 * Create the remote control of a worker.
	 * @param connectionFactory the RabbitMQ connection factory
	 * @param amqpAdmin declares the exchange, queue and binding
	 * @param nodeName this worker's node name
	 * @param objectMapper reads commands
	 * @param revocationStore applies revoke commands
	 */
	public CeleryRemoteControl(ConnectionFactory connectionFactory, AmqpAdmin amqpAdmin, String nodeName,
			ObjectMapper objectMapper, RevocationStore revocationStore) {
		this.connectionFactory = connectionFactory;
		this.amqpAdmin = amqpAdmin;
		this.nodeName = nodeName;
		this.objectMapper = objectMapper;
		this.revocationStore = revocationStore;
		// Celery's control_queue_ttl (300 s) and control_queue_expires (10 s), in milliseconds.
		this.queue = new Queue(nodeName + "." + EXCHANGE, false, false, true,
				Map.of("x-message-ttl", 300_000, "x-expires", 10_000));
		this.binding = BindingBuilder.bind(this.queue).to(this.exchange);
	}

	/**
	 * The name of this worker's control queue.
	 * @return the queue name
	 */
	public String getQueueName() {
		return this.queue.getName();
	}

	@Override
	public void onMessage(Message message) {
		try {
			ControlCommand command = ControlCommand.parse(message.getBody(), this.objectMapper);
			if (!command.isFor(this.nodeName)) {
				return;
			}
			if (!command.method().equals("revoke")) {
				logger.debug("Ignoring remote-control command '" + command.method() + "'");
				return;
			}
			List<String> taskIds = command.taskIds();
			for (String taskId : taskIds) {
				this.revocationStore.revoke(taskId, command.terminate());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Dropped a remote-control message from " + EXCHANGE + ": " + ex.getMessage());
		}
	}

	@Override
	public void onCreate(Connection connection) {
		declare();
	}

	private void declare() {
		try {
			this.amqpAdmin.declareExchange(this.exchange);
			this.amqpAdmin.declareQueue(this.queue);
			this.amqpAdmin.declareBinding(this.binding);
		}
		catch (AmqpException ex) {
			logger.warn("Could not declare the remote-control queue " + getQueueName() + " (" + ex.getMessage()
					+ "); declaring it again on the next connection");
		}
	}

	@Override
	public synchronized void start() {
		if (this.container != null) {
			return;
		}
		declare();
		this.connectionFactory.addConnectionListener(this);
		SimpleMessageListenerContainer remoteControl = new SimpleMessageListenerContainer(this.connectionFactory);
		remoteControl.setQueueNames(this.queue.getName());
		remoteControl.setMessageListener(this);
		remoteControl.setAcknowledgeMode(AcknowledgeMode.AUTO);
		remoteControl.setDefaultRequeueRejected(false);
		remoteControl.setMissingQueuesFatal(false);
		remoteControl.setListenerId("taskq-remote-control");
		remoteControl.afterPropertiesSet();
		remoteControl.start();
		this.container = remoteControl;
		logger.info("taskq worker " + this.nodeName + " listening for Celery remote control on " + getQueueName());
	}

	@Override
	public synchronized void stop() {
		if (this.container == null) {
			return;
		}
		this.connectionFactory.removeConnectionListener(this);
		this.container.stop();
		this.container.destroy();
		this.container = null;
	}

	@Override
	public boolean isRunning() {
		return this.container != null;
	}

}
