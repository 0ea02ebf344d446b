package io.taskq.core.send;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.DeliveryHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.protocol.WireMessage;

/**
 * A {@link TaskBroker} that records what is published, for unit tests of the producer; it can be made to refuse
 * every publish.
 */
public class FakeTaskBroker implements TaskBroker {

	private final List<Published> published = new CopyOnWriteArrayList<>();

	private volatile @Nullable RuntimeException failure;

	/**
	 * Make every later publish throw.
	 * @param failure what it throws
	 */
	public void refuse(RuntimeException failure) {
		this.failure = failure;
	}

	/**
	 * The messages published so far.
	 * @return the messages, in order
	 */
	public List<Published> published() {
		return List.copyOf(this.published);
	}

	@Override
	public void declare(String queue) {
	}

	@Override
	public void publish(String taskId, String queue, WireMessage message) {
		RuntimeException failure = this.failure;
		if (failure != null) {
			throw failure;
		}
		this.published.add(new Published(taskId, queue, message));
	}

	@Override
	public QueueConsumer consume(String queue, DeliveryHandler handler) {
		throw new UnsupportedOperationException("The producer does not consume");
	}

	/**
	 * A published message.
	 *
	 * @param taskId the task id
	 * @param queue the queue
	 * @param message the message
	 */
	public record Published(String taskId, String queue, WireMessage message) {
	}

}
