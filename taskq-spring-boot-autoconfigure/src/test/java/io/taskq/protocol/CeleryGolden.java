package io.taskq.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

import io.taskq.broker.rabbit.AmqpWireMessages;

/**
 * The captured Celery traffic in the test resources' {@code celery-golden/}, and AMQP messages rebuilt from it
 * the way the RabbitMQ Java client and Spring AMQP deliver them to a listener.
 */
public final class CeleryGolden {

	/** Reads the golden files. */
	public static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final String DIRECTORY = "celery-golden";

	private CeleryGolden() {
	}

	/**
	 * One golden file as JSON, read from the test classpath ({@code celery-golden/} in the test resources).
	 * @param name the file name
	 * @return the file's JSON
	 */
	public static JsonNode read(String name) {
		String resource = DIRECTORY + "/" + name;
		try (InputStream in = CeleryGolden.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Golden Celery file " + resource + " is not on the classpath");
			}
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Rebuild the AMQP message a listener receives for a captured message: the properties and headers go
	 * through the RabbitMQ client's types (strings as {@code LongString}, py-amqp's ints as {@code Integer} or
	 * {@code Long}, lists, tables, void as {@code null}) and Spring AMQP's conversion, the body is the UTF-8 JSON.
	 * @param captured the captured message
	 * @return the AMQP message
	 */
	public static Message toAmqp(JsonNode captured) {
		JsonNode properties = captured.get("properties");
		AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder()
			.contentType(text(properties, "content_type"))
			.contentEncoding(text(properties, "content_encoding"))
			.correlationId(text(properties, "correlation_id"))
			.replyTo(text(properties, "reply_to"))
			.expiration(text(properties, "expiration"))
			.headers(table(captured.get("headers")));
		if (properties.has("delivery_mode")) {
			builder.deliveryMode(properties.get("delivery_mode").intValue());
		}
		if (properties.has("priority")) {
			builder.priority(properties.get("priority").intValue());
		}
		JsonNode deliveryInfo = captured.get("delivery_info");
		Envelope envelope = new Envelope(1, false, deliveryInfo.get("exchange").asString(),
				deliveryInfo.get("routing_key").asString());
		MessageProperties messageProperties = new DefaultMessagePropertiesConverter()
			.toMessageProperties(builder.build(), envelope, "UTF-8");
		return new Message(JSON.writeValueAsBytes(captured.get("body")), messageProperties);
	}

	/**
	 * The message the worker receives for a captured message: {@link #toAmqp} as taskq's RabbitMQ listener reads it.
	 * @param captured the captured message
	 * @return the message
	 */
	public static WireMessage toWire(JsonNode captured) {
		return AmqpWireMessages.fromAmqp(toAmqp(captured));
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static Map<String, @Nullable Object> table(JsonNode object) {
		Map<String, @Nullable Object> table = new LinkedHashMap<>();
		object.properties().forEach((entry) -> table.put(entry.getKey(), wire(entry.getValue())));
		return table;
	}

	private static @Nullable Object wire(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return LongStringHelper.asLongString(value.stringValue());
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isIntegralNumber()) {
			return value.canConvertToInt() ? (Object) value.intValue() : (Object) value.longValue();
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isArray()) {
			List<@Nullable Object> list = new ArrayList<>();
			value.forEach((element) -> list.add(wire(element)));
			return list;
		}
		return table(value);
	}

	/**
	 * Header values of a decoded or encoded message as plain JSON, for comparing with the captured headers.
	 * @param headers the header map
	 * @return the headers as JSON
	 */
	public static JsonNode plain(Map<String, @Nullable Object> headers) {
		return JSON.valueToTree(headers);
	}

}
