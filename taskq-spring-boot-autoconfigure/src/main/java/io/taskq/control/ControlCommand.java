package io.taskq.control;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A Celery remote-control command ({@code celery-protocol.md} §4.4), as published on the {@code celery.pidbox}
 * fanout exchange: {@code {"method": ..., "arguments": {...}, "destination": null or [nodenames], ...}}.
 *
 * @param method the command, for example {@code revoke} or {@code ping}
 * @param arguments the command's arguments (an object, possibly empty)
 * @param destination the node names it is for, or {@code null} for every node
 */
public record ControlCommand(String method, JsonNode arguments, @Nullable List<String> destination) {

	/**
	 * Read a command.
	 * @param body the message body (JSON)
	 * @param objectMapper the JSON mapper
	 * @return the command
	 * @throws IllegalArgumentException if the body is not a control command
	 */
	public static ControlCommand parse(byte[] body, ObjectMapper objectMapper) {
		JsonNode root;
		try {
			root = objectMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject() || !root.path("method").isString()) {
			throw new IllegalArgumentException("Not a control command: no \"method\"");
		}
		JsonNode arguments = root.path("arguments");
		if (!arguments.isObject() && !arguments.isMissingNode() && !arguments.isNull()) {
			throw new IllegalArgumentException("\"arguments\" is not an object");
		}
		JsonNode destinationNode = root.path("destination");
		List<String> destination = null;
		if (destinationNode.isArray()) {
			destination = strings(destinationNode, "destination");
		}
		else if (!destinationNode.isNull() && !destinationNode.isMissingNode()) {
			throw new IllegalArgumentException("\"destination\" is neither null nor a list");
		}
		return new ControlCommand(root.get("method").asString(),
				arguments.isObject() ? arguments : objectMapper.createObjectNode(), destination);
	}

	/**
	 * Whether the command is for a node.
	 * @param nodeName the node name
	 * @return whether it has no destination or names the node
	 */
	public boolean isFor(String nodeName) {
		return this.destination == null || this.destination.contains(nodeName);
	}

	/**
	 * The task ids of a {@code revoke} command: its {@code task_id} argument, one id or a list of them.
	 * @return the ids
	 * @throws IllegalArgumentException if {@code task_id} is missing or not ids
	 */
	public List<String> taskIds() {
		JsonNode taskId = this.arguments.path("task_id");
		if (taskId.isString() && !taskId.asString().isBlank()) {
			return List.of(taskId.asString());
		}
		if (taskId.isArray()) {
			return strings(taskId, "task_id");
		}
		throw new IllegalArgumentException("\"task_id\" is neither an id nor a list of ids");
	}

	/**
	 * The {@code terminate} argument of a {@code revoke} command.
	 * @return whether running tasks are terminated; {@code false} when absent
	 */
	public boolean terminate() {
		return this.arguments.path("terminate").asBoolean(false);
	}

	private static List<String> strings(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		for (JsonNode element : array) {
			if (!element.isString() || element.asString().isBlank()) {
				throw new IllegalArgumentException("\"" + field + "\" holds a value that is not a name: " + element);
			}
			values.add(element.asString());
		}
		return values;
	}

}
