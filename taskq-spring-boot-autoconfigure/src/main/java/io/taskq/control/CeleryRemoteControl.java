package io.taskq.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.taskq.store.RevocationStore;

/**
 * Celery's remote control ("pidbox", {@code celery-protocol.md} §4.4) for this worker: a queue
 * {@code <nodename>.celery.pidbox}, with Celery's own flags, bound to the {@code celery.pidbox} fanout exchange.
 * A {@code revoke} command for this node ({@code celery control revoke}, {@code app.control.revoke(...)}) is
 * persisted and applied like {@link RevocationStore#revoke}; other commands are ignored. A command that cannot
 * be read is logged and dropped.
 * <p>
 * The queue is auto-deleted when the worker disconnects, so it is declared again on every new connection, on a
 * thread of its own and one declaration at a time. A broker that refuses the declaration (closing the channel,
 * or the connection as some do) is asked again with back-off; after {@value #MAX_REFUSALS} refusals in a row the
 * worker gives up remote control with a warning, and goes on working. Failing to reach the broker is not a
 * refusal: the next connection declares again.
 */
public class CeleryRemoteControl implements SmartLifecycle, MessageListener, ConnectionListener, DisposableBean {

	/** Celery's control exchange ({@code control_exchange} "celery" + ".pidbox"). */
	public static final String EXCHANGE = "celery.pidbox";

	/** Refusals of the declaration in a row after which remote control is given up. */
	static final int MAX_REFUSALS = 5;

	private static final Log logger = LogFactory.getLog(CeleryRemoteControl.class);

	/** Reads commands: Celery's wire format, never the application's types. */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConnectionFactory connectionFactory;

	private final AmqpAdmin amqpAdmin;

	private final String nodeName;

	private final RevocationStore revocationStore;

	private final FanoutExchange exchange = new FanoutExchange(EXCHANGE, false, false);

	private final Queue queue;

	private final Binding binding;

	private final Duration firstRetry;

	private final ThreadFactory threadFactory;

	private final ScheduledExecutorService declarations;

	/** Whether a declaration is running or scheduled; a new connection meanwhile is covered by it. */
	private final AtomicBoolean declaring = new AtomicBoolean();

	private final AtomicInteger refusals = new AtomicInteger();

	private volatile @Nullable ScheduledFuture<?> retry;

	private volatile @Nullable SimpleMessageListenerContainer container;

	/**
	 * Create the remote control of a worker.
	 * @param connectionFactory the RabbitMQ connection factory
	 * @param amqpAdmin declares the exchange, queue and binding
	 * @param nodeName this worker's node name
	 * @param revocationStore applies revoke commands
	 * @param threadFactory makes the threads that declare the queue and consume it
	 */
	public CeleryRemoteControl(ConnectionFactory connectionFactory, AmqpAdmin amqpAdmin, String nodeName,
			RevocationStore revocationStore, ThreadFactory threadFactory) {
		this(connectionFactory, amqpAdmin, nodeName, revocationStore, threadFactory, Duration.ofSeconds(1));
	}

	/**
	 * Create the remote control of a worker.
	 * @param connectionFactory the RabbitMQ connection factory
	 * @param amqpAdmin declares the exchange, queue and binding
	 * @param nodeName this worker's node name
	 * @param revocationStore applies revoke commands
	 * @param threadFactory makes the threads that declare the queue and consume it
	 * @param firstRetry how long after a first refusal the declaration is tried again, doubled after each
	 */
	CeleryRemoteControl(ConnectionFactory connectionFactory, AmqpAdmin amqpAdmin, String nodeName,
			RevocationStore revocationStore, ThreadFactory threadFactory, Duration firstRetry) {
		this.connectionFactory = connectionFactory;
		this.amqpAdmin = amqpAdmin;
		this.nodeName = nodeName;
		this.revocationStore = revocationStore;
		this.threadFactory = threadFactory;
		this.declarations = Executors.newSingleThreadScheduledExecutor(threadFactory);
		this.firstRetry = firstRetry;
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
			ControlCommand command = ControlCommand.parse(message.getBody(), JSON);
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

	/**
	 * Declare on a new connection, never from inside this listener: a broker that refuses the declaration by
	 * closing the connection has the next connection, opened within the declaration, call it again.
	 */
	@Override
	public void onCreate(Connection connection) {
		if (this.declaring.compareAndSet(false, true)) {
			try {
				this.declarations.execute(this::declare);
			}
			catch (RejectedExecutionException ex) {
				// Stopped meanwhile.
			}
		}
	}

	/**
	 * One declaration, made with {@code declaring} set; clears it unless a retry is scheduled.
	 */
	private void declare() {
		boolean retrying = false;
		try {
			this.amqpAdmin.declareExchange(this.exchange);
			this.amqpAdmin.declareQueue(this.queue);
			this.amqpAdmin.declareBinding(this.binding);
			this.refusals.set(0);
		}
		catch (AmqpException ex) {
			if (refusedByBroker(ex)) {
				retrying = refused(ex);
			}
			else {
				logger.warn("Could not declare the remote-control queue " + getQueueName() + " (" + ex.getMessage()
						+ "); declaring it again on the next connection");
			}
		}
		finally {
			if (!retrying) {
				this.declaring.set(false);
			}
		}
	}

	/**
	 * Whether the broker answered by closing the channel or the connection, rather than not being reached.
	 */
	private static boolean refusedByBroker(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ShutdownSignalException) {
				return true;
			}
		}
		return false;
	}

	private boolean refused(AmqpException ex) {
		int refused = this.refusals.incrementAndGet();
		if (refused < MAX_REFUSALS) {
			Duration retry = this.firstRetry.multipliedBy(1L << (refused - 1));
			logger.warn("The broker refused the remote-control queue " + getQueueName() + " (" + ex.getMessage()
					+ "); refusal " + refused + " of " + MAX_REFUSALS + ", trying again in " + retry);
			this.retry = this.declarations.schedule(this::declare, retry.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		logger.warn("The broker refused the remote-control queue " + getQueueName() + " " + refused + " times ("
				+ ex.getMessage() + "); giving up Celery remote control on this worker: Celery's broadcast revoke "
				+ "does not reach it, revoking through taskq still does. Set taskq.worker.remote-control=false not "
				+ "to try.");
		stop();
		return false;
	}

	@Override
	public synchronized void start() {
		if (this.container != null) {
			return;
		}
		this.refusals.set(0);
		this.declaring.set(true);
		declare();
		this.connectionFactory.addConnectionListener(this);
		SimpleMessageListenerContainer remoteControl = new SimpleMessageListenerContainer(this.connectionFactory);
		remoteControl.setQueueNames(this.queue.getName());
		remoteControl.setMessageListener(this);
		remoteControl.setAcknowledgeMode(AcknowledgeMode.AUTO);
		remoteControl.setDefaultRequeueRejected(false);
		remoteControl.setMissingQueuesFatal(false);
		remoteControl.setListenerId("taskq-remote-control");
		remoteControl.setTaskExecutor(new SimpleAsyncTaskExecutor(this.threadFactory));
		remoteControl.afterPropertiesSet();
		remoteControl.start();
		this.container = remoteControl;
		logger.info("taskq worker " + this.nodeName + " listening for Celery remote control on " + getQueueName());
	}

	@Override
	public synchronized void stop() {
		this.connectionFactory.removeConnectionListener(this);
		SimpleMessageListenerContainer remoteControl = this.container;
		if (remoteControl != null) {
			remoteControl.stop();
			remoteControl.destroy();
			this.container = null;
		}
		ScheduledFuture<?> pending = this.retry;
		if (pending != null) {
			pending.cancel(false);
		}
	}

	@Override
	public void destroy() {
		this.declarations.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.container != null;
	}

}
