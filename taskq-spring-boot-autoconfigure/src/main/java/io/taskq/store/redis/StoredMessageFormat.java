package io.taskq.store.redis;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.protocol.WireMessage;

/**
 * A task message kept in Redis to be published later (the schedule, the failed-task store): its queue,
 * the properties that carry meaning, the application headers and the body, as one JSON object. Reading it back
 * gives a message that publishes exactly as the original did.
 */
public final class StoredMessageFormat {

	private final ObjectMapper objectMapper;

	public StoredMessageFormat(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Write a message and its queue as a JSON object.
	 * @param queue the queue to publish to
	 * @param message the message
	 * @return the JSON object
	 */
	public ObjectNode write(String queue, WireMessage message) {
		ObjectNode entry = this.objectMapper.createObjectNode();
		entry.put("queue", queue);
		entry.put("content_type", message.contentType());
		entry.put("content_encoding", message.contentEncoding());
		entry.put("priority", message.priority());
		entry.put("correlation_id", message.correlationId());
		entry.put("reply_to", message.replyTo());
		entry.set("headers", this.objectMapper.valueToTree(message.headers()));
		entry.put("body", Base64.getEncoder().encodeToString(message.body()));
		return entry;
	}

	/**
	 * The queue of a stored message.
	 * @param entry the JSON object
	 * @return the queue
	 */
	public String queue(JsonNode entry) {
		return entry.get("queue").asString();
	}

	/**
	 * Read a stored message back.
	 * @param entry the JSON object
	 * @return the message, persistent
	 */
	@SuppressWarnings("unchecked")
	public WireMessage read(JsonNode entry) {
		Map<String, @Nullable Object> headers = this.objectMapper.convertValue(entry.get("headers"),
				LinkedHashMap.class);
		return new WireMessage(Base64.getDecoder().decode(entry.get("body").asString()),
				(headers != null) ? headers : new LinkedHashMap<>(), text(entry, "content_type"),
				text(entry, "content_encoding"),
				entry.hasNonNull("priority") ? entry.get("priority").intValue() : null, text(entry, "correlation_id"),
				text(entry, "reply_to"), null);
	}

	private static @Nullable String text(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
