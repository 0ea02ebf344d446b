package io.taskq.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.broker.TaskBroker;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;



/**
 * The default {@link TaskOperations}: encodes Celery protocol v2 messages, declares the target queue on first
 * use (as Celery's producer does), publishes with publisher confirms, and hands out {@link TaskHandle}s backed
 * by the {@link ResultStore}.
 * <p>
 * A task with a countdown or ETA goes to the durable {@link TaskSchedule} and is published when due.
 * <p>
 * A send with an {@linkplain TaskRequest.Builder#idempotencyKey(String) idempotency key} first claims the key in
 * the {@link IdempotencyKeys}; if it was claimed before, the send returns the earlier task's handle and sends
 * nothing. If the publish then fails, the claim is released, so the caller can retry the send with the same key.
 * <p>
 * A task sent while another task runs on the same thread gets that task as its parent and its root, and is
 * recorded as one of its children, as in Celery.
 */
public class TaskTemplate implements TaskOperations {

	/**
	 * Header with the time a task was sent, in epoch milliseconds; workers measure the queue wait from it.
	 * Celery passes unknown headers through, so Python workers ignore it.
	 */
	public static final String SENT_AT_HEADER = "x-taskq-sent-at";

	private final TaskBroker broker;

	private final TaskMessageCodec codec;

	private final TaskRoutes routes;

	private final ResultStore resultStore;

	private final ObjectMapper objectMapper;

	private final String origin;

	private final TaskObserver observer;

	private final TaskSchedule schedule;

	private @Nullable Duration sentStateExpires;


	private final RevocationStore revocationStore;

	private final IdempotencyKeys idempotencyKeys;

	/**
	 * Create a template.
	 * @param broker publishes with the broker's confirm
	 * @param codec encodes task messages
	 * @param routes resolves each task's queue
	 * @param resultStore reads results
	 * @param objectMapper converts arguments to JSON and results back
	 * @param origin this node's name, sent in the {@code origin} header
	 * @param observer told about every task sent
	 * @param schedule holds tasks sent with a countdown or ETA until they are due
	 * @param revocationStore persists revocations
	 * @param idempotencyKeys claims the idempotency keys of sends
	 */
	public TaskTemplate(TaskBroker broker, TaskMessageCodec codec, TaskRoutes routes, ResultStore resultStore,
			ObjectMapper objectMapper, String origin, TaskObserver observer, TaskSchedule schedule,
			RevocationStore revocationStore, IdempotencyKeys idempotencyKeys) {
		this.broker = broker;
		this.codec = codec;
		this.routes = routes;
		this.resultStore = resultStore;
		this.objectMapper = objectMapper;
		this.origin = origin;
		this.observer = observer;
		this.schedule = schedule;
		this.revocationStore = revocationStore;
		this.idempotencyKeys = idempotencyKeys;
	}

	@Override
	public TaskHandle send(String task, @Nullable Object... args) {
		return send(TaskRequest.builder(task).args(Arrays.asList(args)).build());
	}

	@Override
	public TaskHandle sendWithKwargs(String task, Map<String, ? extends @Nullable Object> kwargs) {
		return send(TaskRequest.builder(task).kwargs(kwargs).build());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * With an idempotency key, a key claimed before returns the earlier task's handle without sending; if
	 * sending fails, the key is released and the exception is thrown, so a retried send goes through.
	 */
	@Override
	public TaskHandle send(TaskRequest request) {
		String taskId = (request.taskId() != null) ? request.taskId() : UUID.randomUUID().toString();
		String key = request.idempotencyKey();
		if (key == null) {
			return send(request, taskId);
		}
		String existing = this.idempotencyKeys.claim(request.task(), key, request.idempotencyWindow(), taskId);
		if (existing != null) {
			return handle(existing);
		}
		try {
			return send(request, taskId);
		}
		catch (RuntimeException ex) {
			try {
				this.idempotencyKeys.release(request.task(), key, taskId);
			}
			catch (RuntimeException releaseFailure) {
				ex.addSuppressed(releaseFailure);
			}
			throw ex;
		}
	}

	private TaskHandle send(TaskRequest request, String taskId) {
		String queue = this.routes.queueFor(request.task(), request.queue());
		TaskContext parent = TaskContext.current();
		Instant now = Instant.now();
		Instant eta = request.eta(now);
		TaskMessage message = TaskMessage.builder(request.task(), taskId)
			.args(toJson(request, request.args(), ArrayNode.class))
			.kwargs(toJson(request, request.kwargs(), ObjectNode.class))
			.rootId((parent != null) ? parent.getRootId() : taskId)
			.parentId((parent != null) ? parent.getTaskId() : null)
			.origin(this.origin)
			.headers(request.headers())
			.header(SENT_AT_HEADER, now.toEpochMilli())
			.eta(eta)
			.expires(request.expires(now))
			.priority((request.priority() != null) ? request.priority() : this.routes.priorityFor(request.task()))
			.ignoreResult(request.ignoreResult())
			.timeLimits(seconds(request.timeLimit()), seconds(request.softTimeLimit()))
			.build();
		Duration sentExpires = this.sentStateExpires;
		if (sentExpires != null) {
			storeSent(new TaskResult(taskId, TaskState.SENT, null, null, null, null, null, message.parentId(), null),
					sentExpires);
		}
		try {
			if (eta != null && eta.isAfter(now)) {
				this.schedule.schedule(queue, this.codec.encode(message), eta, taskId);
			}
			else {
				this.broker.publish(taskId, queue, this.codec.encode(message));
			}
		}
		catch (RuntimeException ex) {
			if (sentExpires != null) {
				forgetSent(taskId);
			}
			throw ex;
		}
		if (parent != null) {
			parent.addChild(taskId);
		}
		this.observer.taskSent(request.task(), queue);
		return handle(taskId);
	}

	/**
	 * Store the SENT state of every task at send time, so that a queued task can be told from an unknown id.
	 * The write is best effort and not awaited (a send never waits for Redis, nor fails because Redis is down),
	 * and it never replaces a state a worker stored first.
	 * @param expires how long the state is kept, or {@code null} not to store it
	 */
	public void setSentStateExpires(@Nullable Duration expires) {
		this.sentStateExpires = expires;
	}

	private void storeSent(TaskResult sent, Duration expires) {
		try {
			this.resultStore.storeIfAbsentWithoutWaiting(sent, expires);
		}
		catch (RuntimeException ex) {
			// Best effort: without it the task reads PENDING until a worker starts it.
		}
	}

	private void forgetSent(String taskId) {
		try {
			this.resultStore.deleteWithoutWaiting(taskId);
		}
		catch (RuntimeException ex) {
			// Best effort, as the write.
		}
	}

	@Override
	public TaskHandle handle(String taskId) {
		return new TaskHandle(taskId, this.resultStore, this.objectMapper, this.revocationStore);
	}

	@Override
	public void revoke(String taskId, boolean terminate) {
		this.revocationStore.revoke(taskId, terminate);
	}

	private static @Nullable Double seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.toNanos() / 1e9 : null;
	}

	private <T> T toJson(TaskRequest request, Object value, Class<T> type) {
		try {
			return type.cast(this.objectMapper.valueToTree(value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Arguments of task '" + request.task() + "' cannot be written as JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

}
