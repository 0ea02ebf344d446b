package io.taskq.revoke;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Listens on the {@link RevocationStore#getChannel() revocations channel} and terminates the revoked tasks
 * running on this worker. Pub/sub delivers to the workers subscribed at that moment; a worker that meets a
 * revoked task's message later finds the revocation in Redis instead.
 */
public class RevocationSubscriber implements SmartLifecycle, MessageListener {

	private static final Log logger = LogFactory.getLog(RevocationSubscriber.class);

	private final RedisMessageListenerContainer container;

	private final RunningTasks runningTasks;

	/**
	 * Create a subscriber.
	 * @param connectionFactory the Redis connection factory
	 * @param channel the revocations channel
	 * @param runningTasks the tasks running on this worker
	 */
	public RevocationSubscriber(RedisConnectionFactory connectionFactory, String channel,
			RunningTasks runningTasks) {
		this.runningTasks = runningTasks;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(connectionFactory);
		this.container.setBeanName("taskqRevocationListenerContainer");
		this.container.addMessageListener(this, new ChannelTopic(channel));
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		String text = new String(message.getBody(), StandardCharsets.UTF_8);
		try {
			RevocationStore.Revocation revocation = RevocationStore.Revocation.decode(text);
			if (revocation.terminate()) {
				this.runningTasks.terminate(revocation.taskId());
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring unreadable revocation: " + ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.container.afterPropertiesSet();
		this.container.start();
	}

	@Override
	public void stop() {
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.warn("Could not close the revocation subscription: " + ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.container.isRunning();
	}

}
