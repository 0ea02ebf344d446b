package io.taskq.listener;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import io.taskq.core.TaskPublisher;
import io.taskq.core.TaskQueueDeclarer;
import io.taskq.protocol.CeleryTime;

/**
 * Moves messages that cannot run to taskq's dead-letter queue, unchanged but for headers that say why: the
 * reason, the exception type and message, the queue the message came from and when. Publishing is confirmed
 * before the original is acknowledged, so a dead-lettered message is never lost.
 */
public class DeadLetterPublisher {

	/** Header naming why the message was dead-lettered (a short code such as {@code malformed-body}). */
	public static final String REASON_HEADER = "x-taskq-dead-letter-reason";

	/** Header with the exception type that made the message unrunnable. */
	public static final String EXCEPTION_HEADER = "x-taskq-exception-type";

	/** Header with the exception message. */
	public static final String EXCEPTION_MESSAGE_HEADER = "x-taskq-exception-message";

	/** Header with the queue the message was consumed from. */
	public static final String ORIGINAL_QUEUE_HEADER = "x-taskq-original-queue";

	/** Header with the time the message was dead-lettered. */
	public static final String DEAD_LETTERED_AT_HEADER = "x-taskq-dead-lettered-at";

	private final TaskPublisher publisher;

	private final TaskQueueDeclarer queueDeclarer;

	private final String queue;

	/**
	 * Create a publisher.
	 * @param publisher publishes with confirms
	 * @param queueDeclarer declares the dead-letter queue
	 * @param queue the dead-letter queue's name
	 */
	public DeadLetterPublisher(TaskPublisher publisher, TaskQueueDeclarer queueDeclarer, String queue) {
		this.publisher = publisher;
		this.queueDeclarer = queueDeclarer;
		this.queue = queue;
	}

	/**
	 * The dead-letter queue's name.
	 * @return the queue name
	 */
	public String getQueue() {
		return this.queue;
	}

	/**
	 * Publish a message to the dead-letter queue and wait for the broker's confirm.
	 * @param original the message as it was consumed
	 * @param reason short reason code
	 * @param error what made the message unrunnable
	 * @param sourceQueue the queue it was consumed from
	 * @param taskId the task id, if known
	 */
	public void publish(Message original, String reason, Throwable error, @Nullable String sourceQueue,
			@Nullable String taskId) {
		MessageProperties properties = original.getMessageProperties();
		properties.setHeader(REASON_HEADER, reason);
		properties.setHeader(EXCEPTION_HEADER, error.getClass().getName());
		properties.setHeader(EXCEPTION_MESSAGE_HEADER, String.valueOf(error.getMessage()));
		properties.setHeader(ORIGINAL_QUEUE_HEADER, (sourceQueue != null) ? sourceQueue : "");
		properties.setHeader(DEAD_LETTERED_AT_HEADER, CeleryTime.format(Instant.now()));
		properties.setExpiration(null);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		this.queueDeclarer.declare(this.queue);
		this.publisher.publish((taskId != null) ? taskId : "(unknown id)", this.queue, original);
	}

}
