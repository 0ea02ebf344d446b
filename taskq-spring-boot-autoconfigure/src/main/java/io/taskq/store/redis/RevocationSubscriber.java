package io.taskq.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Listens on the {@link RedisRevocationStore#getChannel() revocations channel}: notes each revocation in the store's
 * memory and hands those with {@code terminate} to the worker, which interrupts the task if it runs here. Pub/sub delivers to the workers subscribed at that moment; a worker that meets a
 * revoked task's message later finds the revocation in Redis instead.
 */
public class RevocationSubscriber implements SmartLifecycle, MessageListener {

	private static final Log logger = LogFactory.getLog(RevocationSubscriber.class);

	private static final Duration RESYNC = Duration.ofSeconds(5);

	private final RedisMessageListenerContainer container;

	private final Consumer<String> terminator;

	private final RedisRevocationStore store;

	private final ScheduledExecutorService resync;

	private volatile boolean running;

	/**
	 * Create a subscriber.
	 * @param connectionFactory the Redis connection factory
	 * @param store the revocations, whose channel it listens on
	 * @param terminator given the id of a task revoked with {@code terminate}, interrupts it if it runs here
	 * @param threadFactory makes the threads of the subscription and of the periodic reload
	 */
	public RevocationSubscriber(RedisConnectionFactory connectionFactory, RedisRevocationStore store,
			Consumer<String> terminator, ThreadFactory threadFactory) {
		this.terminator = terminator;
		this.store = store;
		this.resync = Executors.newSingleThreadScheduledExecutor(threadFactory);
		String channel = store.getChannel();
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		this.container.setBeanName("taskqRevocationListenerContainer");
		this.container.setTaskExecutor(new SimpleAsyncTaskExecutor(threadFactory));
		this.container.addMessageListener(this, new ChannelTopic(channel));
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String text = new String(message.getBody(), StandardCharsets.UTF_8);
		try {
			RedisRevocationStore.Revocation revocation = RedisRevocationStore.Revocation.decode(text);
			this.store.noteRevoked(revocation.taskId());
			if (revocation.terminate()) {
				this.terminator.accept(revocation.taskId());
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring unreadable revocation: " + ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.container.afterPropertiesSet();
		this.container.start();
		this.resync.scheduleWithFixedDelay(this::sync, 0, RESYNC.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Reload the revoked ids: notifications keep them current, and the periodic reload covers any missed while
	 * the subscription was down. Each sync is good for two periods; after that the store asks Redis per task.
	 */
	private void sync() {
		try {
			this.store.sync(RESYNC.multipliedBy(2));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not load revoked tasks (" + ex.getMessage() + "); checking each task in Redis");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.resync.shutdownNow();
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.warn("Could not close the revocation subscription: " + ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		// Not the container's state: it may already run once a listener is added, and start() must still be
		// called to begin syncing.
		return this.running;
	}

}
