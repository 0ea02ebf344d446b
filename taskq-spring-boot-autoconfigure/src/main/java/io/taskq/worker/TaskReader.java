package io.taskq.worker;

import java.time.Clock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.Delivery;
import io.taskq.protocol.InvalidTaskMessageException;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.TaskErrors;

/**
 * Reads a delivery: decodes its message (a body over the size limit, compressed or once inflated, is refused) and
 * finds the registered task it names. A message that does not decode, or names no task here, is rejected.
 */
public class TaskReader {

	private final TaskMessageCodec codec;

	private final long maxBodySize;

	private final Function<String, @Nullable RegisteredTask> tasks;

	private final Clock clock;

	/**
	 * Create a reader.
	 * @param codec decodes messages
	 * @param maxBodySize the largest body accepted, compressed or once inflated, in bytes
	 * @param tasks finds the registered task of a name, or {@code null}
	 * @param clock tells when a message was received
	 */
	public TaskReader(TaskMessageCodec codec, long maxBodySize, Function<String, @Nullable RegisteredTask> tasks,
			Clock clock) {
		this.codec = codec;
		this.maxBodySize = maxBodySize;
		this.tasks = tasks;
		this.clock = clock;
	}

	/**
	 * Read a delivery.
	 * @param delivery the delivery
	 * @return the execution, with its rejection if it cannot run
	 */
	public Read read(Delivery delivery) {
		TaskMessage message;
		try {
			message = this.codec.decode(delivery.message(), this.maxBodySize);
		}
		catch (InvalidTaskMessageException ex) {
			return new Read(TaskExecution.unrunnable(delivery, this.clock.instant(), ex.getTaskId(),
					ex.getTaskName()), new TaskOutcome.Rejected(ex.getReason(), ex, null));
		}
		RegisteredTask task = this.tasks.apply(message.task());
		if (task == null) {
			return new Read(TaskExecution.unrunnable(delivery, this.clock.instant(), message.id(), message.task()),
					new TaskOutcome.Rejected("not-registered", new NotRegisteredException(message.task()),
							TaskErrors.notRegistered(message.task())));
		}
		return new Read(TaskExecution.of(delivery, this.clock.instant(), message, task), null);
	}

	/**
	 * A delivery read.
	 *
	 * @param execution its execution
	 * @param rejection its outcome if it cannot run, else {@code null}
	 */
	public record Read(TaskExecution execution, TaskOutcome.@Nullable Rejected rejection) {
	}

	/**
	 * No task of a name is registered on this worker (Celery's {@code NotRegistered}).
	 */
	static class NotRegisteredException extends RuntimeException {

		NotRegisteredException(String taskName) {
			super("Task '" + taskName + "' is not registered on this worker");
		}

	}

}
