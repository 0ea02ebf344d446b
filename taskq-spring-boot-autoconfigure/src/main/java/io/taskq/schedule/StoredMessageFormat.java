package io.taskq.schedule;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import io.taskq.protocol.TaskMessageCodec;

/**
 * An AMQP task message kept in Redis to be published later (the schedule, the dead-letter store): its queue,
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
	public ObjectNode write(String queue, Message message) {
		MessageProperties properties = message.getMessageProperties();
		ObjectNode entry = this.objectMapper.createObjectNode();
		entry.put("queue", queue);
		entry.put("content_type", properties.getContentType());
		entry.put("content_encoding", properties.getContentEncoding());
		entry.put("priority", properties.getPriority());
		entry.put("correlation_id", properties.getCorrelationId());
		entry.put("reply_to", properties.getReplyTo());
		entry.set("headers", this.objectMapper.valueToTree(TaskMessageCodec.plainHeaderValue(properties.getHeaders())));
		entry.put("body", Base64.getEncoder().encodeToString(message.getBody()));
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
	public Message read(JsonNode entry) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(text(entry, "content_type"));
		properties.setContentEncoding(text(entry, "content_encoding"));
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (entry.hasNonNull("priority")) {
			properties.setPriority(entry.get("priority").intValue());
		}
		properties.setCorrelationId(text(entry, "correlation_id"));
		properties.setReplyTo(text(entry, "reply_to"));
		Map<String, Object> headers = this.objectMapper.convertValue(entry.get("headers"), LinkedHashMap.class);
		if (headers != null) {
			headers.forEach(properties::setHeader);
		}
		return new Message(Base64.getDecoder().decode(entry.get("body").asString()), properties);
	}

	private static @Nullable String text(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
