package io.taskq.sample.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.taskq.core.TaskRequest;

/**
 * The body of {@code POST /api/tasks/{name}}: {@code {"args": [...], "kwargs": {...}, "queue": "..."}}, every
 * field optional, as Celery's {@code send_task(name, args, kwargs, queue=...)}.
 *
 * @param args the positional arguments
 * @param kwargs the keyword arguments
 * @param queue the queue, or {@code null} for the task's configured one
 */
public record EnqueueRequest(List<JsonNode> args, Map<String, JsonNode> kwargs, @Nullable String queue) {

	private static final Set<String> FIELDS = Set.of("args", "kwargs", "queue");

	/**
	 * Read a request body, checking its shape.
	 * @param body the body, or {@code null} if there was none
	 * @return the request
	 * @throws InvalidRequestException if the body does not have the expected shape
	 */
	public static EnqueueRequest from(@Nullable JsonNode body) {
		if (body == null || body.isMissingNode() || body.isNull()) {
			return new EnqueueRequest(List.of(), Map.of(), null);
		}
		if (!body.isObject()) {
			throw new InvalidRequestException(
					"Request body must be a JSON object with optional fields 'args' (array), 'kwargs' (object) and 'queue' (string)");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidRequestException("Unknown field '" + field + "'; expected 'args', 'kwargs' or 'queue'");
			}
		}
		List<JsonNode> args = new ArrayList<>();
		JsonNode argsNode = body.get("args");
		if (argsNode != null && !argsNode.isNull()) {
			if (!argsNode.isArray()) {
				throw new InvalidRequestException("'args' must be a JSON array, was " + argsNode.getNodeType());
			}
			argsNode.forEach(args::add);
		}
		Map<String, JsonNode> kwargs = new LinkedHashMap<>();
		JsonNode kwargsNode = body.get("kwargs");
		if (kwargsNode != null && !kwargsNode.isNull()) {
			if (!kwargsNode.isObject()) {
				throw new InvalidRequestException("'kwargs' must be a JSON object, was " + kwargsNode.getNodeType());
			}
			kwargsNode.properties().forEach((entry) -> kwargs.put(entry.getKey(), entry.getValue()));
		}
		String queue = null;
		JsonNode queueNode = body.get("queue");
		if (queueNode != null && !queueNode.isNull()) {
			if (!queueNode.isString() || queueNode.asString().isBlank()) {
				throw new InvalidRequestException("'queue' must be a non-empty string");
			}
			queue = queueNode.asString();
		}
		return new EnqueueRequest(List.copyOf(args), kwargs, queue);
	}

	/**
	 * The task request to send.
	 * @param task the task name
	 * @return the request
	 */
	public TaskRequest toTaskRequest(String task) {
		return TaskRequest.builder(task).args(this.args).kwargs(this.kwargs).queue(this.queue).build();
	}

}
