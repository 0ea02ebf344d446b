package io.taskq.broker.fake;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.DeliveryHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.protocol.WireMessage;

/**
 * A {@link TaskBroker} for unit tests: records the queues declared and the messages published, and can be made to
 * refuse publishing.
 */
public class RecordingTaskBroker implements TaskBroker {

	private final List<String> declared = new ArrayList<>();

	private final List<Published> published = new ArrayList<>();

	private @Nullable RuntimeException publishFailure;

	@Override
	public synchronized void declare(String queue) {
		this.declared.add(queue);
	}

	@Override
	public synchronized void publish(String taskId, String queue, WireMessage message) {
		if (this.publishFailure != null) {
			throw this.publishFailure;
		}
		this.published.add(new Published(taskId, queue, message));
	}

	@Override
	public QueueConsumer consume(String queue, DeliveryHandler handler) {
		return new QueueConsumer() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int activeConsumers() {
				return this.running ? 1 : 0;
			}

		};
	}

	/**
	 * Make every publish from now on fail.
	 * @param failure what publishing throws
	 */
	public synchronized void failPublishesWith(RuntimeException failure) {
		this.publishFailure = failure;
	}

	/**
	 * The queues declared, in order.
	 * @return the queue names
	 */
	public synchronized List<String> declared() {
		return List.copyOf(this.declared);
	}

	/**
	 * The messages published, in order.
	 * @return the messages
	 */
	public synchronized List<Published> published() {
		return List.copyOf(this.published);
	}

	/**
	 * A message published.
	 *
	 * @param taskId the task id it was published for
	 * @param queue the queue
	 * @param message the message
	 */
	public record Published(String taskId, String queue, WireMessage message) {
	}

}
