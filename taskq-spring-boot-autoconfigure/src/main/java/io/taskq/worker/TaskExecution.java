package io.taskq.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.taskq.broker.Delivery;
import io.taskq.core.Attribute;
import io.taskq.core.Attributes;
import io.taskq.core.TaskContext;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.WireMessage;

/**
 * One delivery in flight through the worker's pipeline: the message as delivered and as decoded, the registered
 * task it runs, its {@link TaskContext}, attributes that steps share, and callbacks to run once its outcome is
 * applied. Used by one thread at a time (the consumer's, or the one running a task with time limits).
 */
public final class TaskExecution {

	private static final Log logger = LogFactory.getLog(TaskExecution.class);

	private final Delivery delivery;

	private final Instant receivedAt;

	private final @Nullable TaskMessage message;

	private final @Nullable RegisteredTask task;

	private final @Nullable TaskContext context;

	private final @Nullable String taskId;

	private final @Nullable String taskName;

	private final Attributes attributes = new Attributes();

	private @Nullable List<CompletionCallback> completionCallbacks;

	private long startedNanos;

	private long endedNanos;

	private TaskExecution(Delivery delivery, Instant receivedAt, @Nullable TaskMessage message,
			@Nullable RegisteredTask task, @Nullable String taskId, @Nullable String taskName) {
		this.delivery = delivery;
		this.receivedAt = receivedAt;
		this.message = message;
		this.task = task;
		this.taskId = taskId;
		this.taskName = taskName;
		this.context = (message != null && task != null) ? new TaskContext(message.id(), message.task(),
				message.retries(), message.rootId(), message.parentId(), message.group(), delivery.queue(),
				delivery.message().headers()) : null;
	}

	/**
	 * An execution of a registered task.
	 * @param delivery the delivery
	 * @param receivedAt when the worker received it
	 * @param message the decoded message
	 * @param task the task it runs
	 * @return the execution
	 */
	public static TaskExecution of(Delivery delivery, Instant receivedAt, TaskMessage message, RegisteredTask task) {
		return new TaskExecution(delivery, receivedAt, message, task, message.id(), message.task());
	}

	/**
	 * An execution of a message that cannot run (it does not decode, or names no registered task): it goes
	 * straight to its rejected outcome.
	 * @param delivery the delivery
	 * @param receivedAt when the worker received it
	 * @param taskId the task id, if the message revealed one
	 * @param taskName the task name, if the message revealed one
	 * @return the execution
	 */
	public static TaskExecution unrunnable(Delivery delivery, Instant receivedAt, @Nullable String taskId,
			@Nullable String taskName) {
		return new TaskExecution(delivery, receivedAt, null, null, taskId, taskName);
	}

	/**
	 * The delivery.
	 * @return the delivery
	 */
	public Delivery delivery() {
		return this.delivery;
	}

	/**
	 * The message as delivered.
	 * @return the wire message
	 */
	public WireMessage wireMessage() {
		return this.delivery.message();
	}

	/**
	 * The queue it came from.
	 * @return the queue, or {@code null} if the broker did not say
	 */
	public @Nullable String queue() {
		return this.delivery.queue();
	}

	/**
	 * When the worker received it: the time its expiry and ETA are judged by.
	 * @return the time
	 */
	public Instant receivedAt() {
		return this.receivedAt;
	}

	/**
	 * Whether it decoded to a registered task (otherwise only its rejection is applied).
	 * @return whether it is runnable
	 */
	public boolean isRunnable() {
		return this.task != null;
	}

	/**
	 * The decoded message.
	 * @return the message
	 * @throws IllegalStateException if the message is not {@linkplain #isRunnable() runnable}
	 */
	public TaskMessage message() {
		if (this.message == null) {
			throw new IllegalStateException("Message " + this.delivery.message().describe() + " was not decoded");
		}
		return this.message;
	}

	/**
	 * The registered task it runs.
	 * @return the task
	 * @throws IllegalStateException if the message is not {@linkplain #isRunnable() runnable}
	 */
	public RegisteredTask task() {
		if (this.task == null) {
			throw new IllegalStateException("Message " + this.delivery.message().describe() + " names no task");
		}
		return this.task;
	}

	/**
	 * The task's endpoint: its options.
	 * @return the endpoint
	 */
	public TaskEndpoint endpoint() {
		return task().endpoint();
	}

	/**
	 * The context the handler sees.
	 * @return the context
	 * @throws IllegalStateException if the message is not {@linkplain #isRunnable() runnable}
	 */
	public TaskContext context() {
		if (this.context == null) {
			throw new IllegalStateException("Message " + this.delivery.message().describe() + " has no context");
		}
		return this.context;
	}

	/**
	 * The task id, if known.
	 * @return the id, or {@code null}
	 */
	public @Nullable String taskId() {
		return this.taskId;
	}

	/**
	 * The task name, if known.
	 * @return the name, or {@code null}
	 */
	public @Nullable String taskName() {
		return this.taskName;
	}

	/**
	 * Whether the task's outcome is stored: its endpoint stores results and the message does not ask to ignore
	 * them.
	 * @return whether to store the outcome
	 */
	public boolean storesResult() {
		return this.task != null && this.message != null && this.task.endpoint().storeResult()
				&& !Boolean.TRUE.equals(this.message.ignoreResult());
	}

	/**
	 * Note that the handler starts now.
	 */
	public void handlerStarted() {
		this.startedNanos = System.nanoTime();
	}

	/**
	 * Note that the handler ended now (returned, threw, or was abandoned).
	 */
	public void handlerEnded() {
		this.endedNanos = System.nanoTime();
	}

	/**
	 * Whether the handler was started.
	 * @return whether it ran
	 */
	public boolean handlerRan() {
		return this.startedNanos != 0;
	}

	/**
	 * How long the handler ran.
	 * @return the duration, zero if it never started
	 */
	public Duration handlerDuration() {
		if (this.startedNanos == 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos(((this.endedNanos != 0) ? this.endedNanos : System.nanoTime()) - this.startedNanos);
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
	 * Set an attribute, for later steps.
	 * @param <T> its type
	 * @param attribute the attribute
	 * @param value its value
	 */
	public <T> void setAttribute(Attribute<T> attribute, T value) {
		this.attributes.set(attribute, value);
	}

	/**
	 * Run a callback once the outcome is applied (stored, scheduled, dead-lettered), or once processing failed
	 * and the delivery goes back to the queue. Callbacks run in reverse order of registration, as nested
	 * {@code finally} blocks would.
	 * @param callback the callback
	 */
	public void whenCompleted(CompletionCallback callback) {
		if (this.completionCallbacks == null) {
			this.completionCallbacks = new ArrayList<>(2);
		}
		this.completionCallbacks.add(callback);
	}

	/**
	 * Run the completion callbacks; each one that throws is logged, and the others still run.
	 * @param applied the outcome applied, or {@code null} if processing failed
	 */
	void complete(@Nullable TaskOutcome applied) {
		if (this.completionCallbacks == null) {
			return;
		}
		for (int i = this.completionCallbacks.size() - 1; i >= 0; i--) {
			try {
				this.completionCallbacks.get(i).completed(applied);
			}
			catch (RuntimeException ex) {
				logger.warn("A completion step of task " + this + " failed: " + ex, ex);
			}
		}
	}

	@Override
	public String toString() {
		return (this.message != null) ? this.message.toString() : this.delivery.message().describe();
	}

	/**
	 * Called once an execution's outcome is applied, or its processing failed.
	 */
	@FunctionalInterface
	public interface CompletionCallback {

		/**
		 * The execution is complete.
		 * @param applied the outcome applied, or {@code null} if processing failed (the delivery is requeued)
		 */
		void completed(@Nullable TaskOutcome applied);

	}

}
