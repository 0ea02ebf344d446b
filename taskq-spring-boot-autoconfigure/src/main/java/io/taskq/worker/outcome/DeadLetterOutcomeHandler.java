package io.taskq.worker.outcome;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.TaskBroker;
import io.taskq.protocol.CeleryTime;
import io.taskq.protocol.WireMessage;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskOutcomeHandler;
import io.taskq.worker.TaskOutcomeHandlerOrder;

/**
 * Moves a message that cannot run to the dead-letter queue, unchanged but for headers that say why: the reason,
 * the exception type and message, the queue it came from and when. The broker confirms it before the original is
 * acknowledged, so a dead-lettered message is never lost.
 */
public class DeadLetterOutcomeHandler implements TaskOutcomeHandler {

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

	private final TaskBroker broker;

	private final String queue;

	private final Clock clock;

	/**
	 * Create the handler.
	 * @param broker publishes to the dead-letter queue
	 * @param queue the dead-letter queue's name
	 * @param clock tells when a message was dead-lettered
	 */
	public DeadLetterOutcomeHandler(TaskBroker broker, String queue, Clock clock) {
		this.broker = broker;
		this.queue = queue;
		this.clock = clock;
	}

	/**
	 * The dead-letter queue's name.
	 * @return the queue name
	 */
	public String getQueue() {
		return this.queue;
	}

	@Override
	public void apply(TaskExecution execution, TaskOutcome outcome) {
		if (!(outcome instanceof TaskOutcome.Rejected rejected)) {
			return;
		}
		WireMessage original = execution.wireMessage();
		Map<String, @Nullable Object> headers = new LinkedHashMap<>(original.headers());
		headers.put(REASON_HEADER, rejected.reason());
		headers.put(EXCEPTION_HEADER, rejected.error().getClass().getName());
		headers.put(EXCEPTION_MESSAGE_HEADER, String.valueOf(rejected.error().getMessage()));
		headers.put(ORIGINAL_QUEUE_HEADER, (execution.queue() != null) ? execution.queue() : "");
		headers.put(DEAD_LETTERED_AT_HEADER, CeleryTime.format(this.clock.instant()));
		WireMessage deadLetter = new WireMessage(original.body(), headers, original.contentType(),
				original.contentEncoding(), original.priority(), original.correlationId(), original.replyTo(), null);
		String taskId = execution.taskId();
		try {
			this.broker.declare(this.queue);
			this.broker.publish((taskId != null) ? taskId : "(unknown id)", this.queue, deadLetter);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not dead-letter message " + original.describe() + "; it stays "
					+ "queued", ex);
		}
	}

	@Override
	public int getOrder() {
		return TaskOutcomeHandlerOrder.DEAD_LETTER;
	}

}
