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

import io.taskq.protocol.TaskMessage;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;

/**
 * The default {@link TaskOperations}: builds a Celery protocol v2 message from each {@link TaskRequest} and sends
 * it through the {@link TaskSendPipeline}, and hands out {@link TaskHandle}s backed by the {@link ResultStore}.
 * <p>
 * What a send does beyond building the message is done by the pipeline's steps ({@link TaskSendInterceptor}s):
 * taskq's own choose the queue and the default priority, make a task sent while another task runs on the same
 * thread that task's child (as in Celery), add the sent-at header, claim the send's
 * {@linkplain TaskRequest.Builder#idempotencyKey(String) idempotency key} and store the SENT state. The pipeline's
 * dispatcher then publishes the message with the broker's confirm, or puts a task with a countdown or ETA on the
 * durable schedule, which publishes it when due.
 */
public class TaskTemplate implements TaskOperations {

	/**
	 * Header with the time a task was sent, in epoch milliseconds; workers measure the queue wait from it.
	 * Celery passes unknown headers through, so Python workers ignore it.
	 */
	public static final String SENT_AT_HEADER = "x-taskq-sent-at";

	private final TaskSendPipeline pipeline;

	private final ResultStore resultStore;

	private final RevocationStore revocationStore;

	private final ObjectMapper objectMapper;

	private final String origin;

	/**
	 * Create a template.
	 * @param pipeline sends each task
	 * @param resultStore reads results
	 * @param revocationStore persists revocations
	 * @param objectMapper converts arguments to JSON and results back
	 * @param origin this node's name, sent in the {@code origin} header
	 */
	public TaskTemplate(TaskSendPipeline pipeline, ResultStore resultStore, RevocationStore revocationStore,
			ObjectMapper objectMapper, String origin) {
		this.pipeline = pipeline;
		this.resultStore = resultStore;
		this.revocationStore = revocationStore;
		this.objectMapper = objectMapper;
		this.origin = origin;
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
		Instant now = Instant.now();
		TaskMessage.Builder message = TaskMessage.builder(request.task(), taskId)
			.args(toJson(request, request.args(), ArrayNode.class))
			.kwargs(toJson(request, request.kwargs(), ObjectNode.class))
			.origin(this.origin)
			.headers(request.headers())
			.eta(request.eta(now))
			.expires(request.expires(now))
			.priority(request.priority())
			.ignoreResult(request.ignoreResult())
			.timeLimits(seconds(request.timeLimit()), seconds(request.softTimeLimit()));
		return this.pipeline.send(new OutgoingTask(request, taskId, now, message, this::handle));
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
