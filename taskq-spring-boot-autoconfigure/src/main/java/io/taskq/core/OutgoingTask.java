package io.taskq.core;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.TaskMessage;

/**
 * One send in flight through the producer's pipeline: the request, the id the task is sent as, the message being
 * built from them, the queue a step chose, and attributes that steps share. Used by the sending thread only.
 * <p>
 * The message is built in place: a step changes it through {@link #messageBuilder()}, and {@link #message()} reads
 * it as built so far. Its ETA decides whether the task is published now or put on the schedule.
 */
public final class OutgoingTask {

	private final TaskRequest request;

	private final String taskId;

	private final Instant sentAt;

	private final TaskMessage.Builder message;

	private final Function<String, TaskHandle> handles;

	private @Nullable String queue;

	private final Attributes attributes = new Attributes();

	/**
	 * Create a send in flight.
	 * @param request what the caller asked to send
	 * @param taskId the id the task is sent as
	 * @param sentAt when the send started: the time of a countdown's or an {@code expiresIn}'s start
	 * @param message the message, built from the request so far
	 * @param handles makes a handle on a task, given its id
	 */
	public OutgoingTask(TaskRequest request, String taskId, Instant sentAt, TaskMessage.Builder message,
			Function<String, TaskHandle> handles) {
		this.request = request;
		this.taskId = taskId;
		this.sentAt = sentAt;
		this.message = message;
		this.handles = handles;
	}

	/**
	 * What the caller asked to send.
	 * @return the request
	 */
	public TaskRequest request() {
		return this.request;
	}

	/**
	 * The id the task is sent as.
	 * @return the task id
	 */
	public String taskId() {
		return this.taskId;
	}

	/**
	 * The task name.
	 * @return the name
	 */
	public String taskName() {
		return this.request.task();
	}

	/**
	 * When the send started.
	 * @return the time
	 */
	public Instant sentAt() {
		return this.sentAt;
	}

	/**
	 * The message being built, for a step to change.
	 * @return the builder
	 */
	public TaskMessage.Builder messageBuilder() {
		return this.message;
	}

	/**
	 * The message as built so far: as sent, once the dispatcher has sent it.
	 * @return the message
	 */
	public TaskMessage message() {
		return this.message.build();
	}

	/**
	 * The queue the task goes to.
	 * @return the queue
	 * @throws IllegalStateException if no step chose one
	 */
	public String queue() {
		if (this.queue == null) {
			throw new IllegalStateException("No queue was chosen for task " + this + ": the routing step chooses it");
		}
		return this.queue;
	}

	/**
	 * Choose the queue the task goes to.
	 * @param queue the queue
	 */
	public void setQueue(String queue) {
		this.queue = queue;
	}

	/**
	 * A handle on a task: this one, or one sent before (a step that ends a send early returns the earlier task's).
	 * @param taskId the task id
	 * @return the handle
	 */
	public TaskHandle handle(String taskId) {
		return this.handles.apply(taskId);
	}

	/**
	 * An attribute a step set.
	 * @param <T> its type
	 * @param attribute the attribute
	 * @return its value, or {@code null} if not set
	 */
	public <T> @Nullable T attribute(Attribute<T> attribute) {
		return this.attributes.get(attribute);
	}

	/**
	 * Set an attribute, for later steps and the listeners.
	 * @param <T> its type
	 * @param attribute the attribute
	 * @param value its value
	 */
	public <T> void setAttribute(Attribute<T> attribute, T value) {
		this.attributes.set(attribute, value);
	}

	@Override
	public String toString() {
		return this.request.task() + "[" + this.taskId + "]";
	}

}
