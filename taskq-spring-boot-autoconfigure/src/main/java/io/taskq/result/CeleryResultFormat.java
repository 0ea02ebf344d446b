package io.taskq.result;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.protocol.CeleryTime;

/**
 * Celery's result document ({@code celery-protocol.md} §2.2): the JSON stored under
 * {@code celery-task-meta-<id>}, with the fields in the order Celery writes them.
 */
public final class CeleryResultFormat {

	private final ObjectMapper objectMapper;

	public CeleryResultFormat(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Write a result as Celery's JSON document.
	 * @param result the result
	 * @return the JSON text
	 */
	public String write(TaskResult result) {
		ObjectNode document = this.objectMapper.createObjectNode();
		document.put("status", result.state().name());
		document.set("result", result.result());
		document.put("traceback", result.traceback());
		document.set("children", result.children());
		document.put("date_done", (result.dateDone() != null) ? CeleryTime.format(result.dateDone()) : null);
		if (result.groupId() != null) {
			document.put("group_id", result.groupId());
		}
		if (result.parentId() != null) {
			document.put("parent_id", result.parentId());
		}
		TaskResult.Extended extended = result.extended();
		if (extended != null) {
			document.put("name", extended.name());
			document.set("args", extended.args());
			document.set("kwargs", extended.kwargs());
			document.put("worker", extended.worker());
			document.put("retries", extended.retries());
			document.put("queue", extended.queue());
		}
		document.put("task_id", result.taskId());
		return this.objectMapper.writeValueAsString(document);
	}

	/**
	 * Read Celery's JSON document.
	 * @param taskId the id the document was stored under
	 * @param json the JSON text
	 * @return the result
	 * @throws IllegalArgumentException if the text is not a result document
	 */
	public TaskResult read(String taskId, String json) {
		JsonNode document;
		try {
			document = this.objectMapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Result of task " + taskId + " is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
		if (document == null || !document.isObject() || !document.path("status").isString()) {
			throw new IllegalArgumentException("Result of task " + taskId + " has no 'status': " + json);
		}
		TaskResult.Extended extended = null;
		if (document.has("name") || document.has("worker")) {
			JsonNode retries = document.get("retries");
			extended = new TaskResult.Extended(text(document, "name"), node(document, "args"),
					node(document, "kwargs"), text(document, "worker"),
					(retries != null && retries.isNumber()) ? retries.intValue() : null, text(document, "queue"));
		}
		String storedId = text(document, "task_id");
		return new TaskResult((storedId != null) ? storedId : taskId, TaskState.of(document.get("status").stringValue()),
				node(document, "result"), text(document, "traceback"), node(document, "children"),
				time(document.get("date_done")), text(document, "group_id"), text(document, "parent_id"), extended);
	}

	private static @Nullable JsonNode node(JsonNode document, String field) {
		JsonNode value = document.get(field);
		return (value == null || value.isNull()) ? null : value;
	}

	private static @Nullable String text(JsonNode document, String field) {
		JsonNode value = document.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static @Nullable OffsetDateTime time(@Nullable JsonNode value) {
		if (value == null || !value.isString()) {
			return null;
		}
		try {
			return CeleryTime.parse(value.stringValue());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
