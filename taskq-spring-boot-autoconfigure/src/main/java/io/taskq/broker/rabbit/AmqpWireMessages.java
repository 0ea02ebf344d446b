package io.taskq.broker.rabbit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.LongString;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import io.taskq.protocol.WireMessage;

/**
 * Converts between AMQP messages and {@link WireMessage}s. Every message taskq publishes is persistent.
 */
public final class AmqpWireMessages {

	private AmqpWireMessages() {
	}

	/**
	 * The wire message of an AMQP message as delivered; header values become plain Java values (strings for AMQP
	 * long strings and byte arrays, in lists and tables too).
	 * @param message the AMQP message
	 * @return the wire message
	 */
	public static WireMessage fromAmqp(Message message) {
		MessageProperties properties = message.getMessageProperties();
		Map<String, @Nullable Object> headers = properties.getHeaders();
		if (needsConversion(headers)) {
			Map<String, @Nullable Object> plain = new LinkedHashMap<>();
			headers.forEach((name, value) -> plain.put(name, plainHeaderValue(value)));
			headers = plain;
		}
		return new WireMessage(message.getBody(), headers, properties.getContentType(),
				properties.getContentEncoding(), properties.getPriority(), properties.getCorrelationId(),
				properties.getReplyTo(), properties.getExpiration());
	}

	/**
	 * The AMQP message to publish a wire message as: persistent, with its properties and headers.
	 * @param message the wire message
	 * @return the AMQP message
	 */
	public static Message toAmqp(WireMessage message) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(message.contentType());
		properties.setContentEncoding(message.contentEncoding());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (message.priority() != null) {
			properties.setPriority(message.priority());
		}
		properties.setCorrelationId(message.correlationId());
		properties.setReplyTo(message.replyTo());
		properties.setExpiration(message.expiration());
		properties.getHeaders().putAll(message.headers());
		return new Message(message.body(), properties);
	}

	private static boolean needsConversion(Map<String, @Nullable Object> headers) {
		for (Object value : headers.values()) {
			if (value instanceof LongString || value instanceof byte[] || value instanceof List<?>
					|| value instanceof Map<?, ?>) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Turn a raw AMQP header value into plain Java values: strings for long strings and byte arrays, and the same
	 * for the elements of lists and tables.
	 * @param value the raw value
	 * @return the plain value
	 */
	static @Nullable Object plainHeaderValue(@Nullable Object value) {
		if (value instanceof LongString longString) {
			return new String(longString.getBytes(), StandardCharsets.UTF_8);
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> plain = new ArrayList<>(list.size());
			list.forEach((element) -> plain.add(plainHeaderValue(element)));
			return plain;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> plain = new LinkedHashMap<>();
			map.forEach((key, element) -> plain.put(String.valueOf(key), plainHeaderValue(element)));
			return plain;
		}
		return value;
	}

}
