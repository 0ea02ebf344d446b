package io.taskq.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;


/**
 * Encodes and decodes Celery protocol v2 task messages with JSON bodies, exactly as Celery 5 writes and reads
 * them ({@code celery-protocol.md} §1). This is the only place that knows the wire format.
 * <p>
 * Decoding never selects a Java type from message data: the body becomes a JSON tree, kombu's tagged values
 * ({@code {"__type__": ..., "__value__": ...}}) become their plain JSON form, and binding to handler
 * parameters happens later against the handler's declared types.
 */
public final class TaskMessageCodec {

	/** Content type of every task message. */
	public static final String CONTENT_TYPE = "application/json";

	/** Content encoding of every task message. */
	public static final String CONTENT_ENCODING = "utf-8";

	private static final String ZLIB = "application/x-gzip";

	private static final Set<String> CELERY_HEADERS = Set.of("lang", "task", "id", "shadow", "eta", "expires",
			"group", "group_index", "retries", "timelimit", "root_id", "parent_id", "argsrepr", "kwargsrepr", "origin",
			"ignore_result");

	private final ObjectMapper objectMapper;

	private final Clock clock;

	public TaskMessageCodec(ObjectMapper objectMapper) {
		this(objectMapper, Clock.systemUTC());
	}

	public TaskMessageCodec(ObjectMapper objectMapper, Clock clock) {
		this.objectMapper = objectMapper;
		this.clock = clock;
	}

	/**
	 * Encode a task message as Celery publishes it.
	 * @param message the message
	 * @return the message to publish
	 */
	public WireMessage encode(TaskMessage message) {
		String expiration = null;
		if (message.expires() != null) {
			long remaining = Duration.between(this.clock.instant(), message.expires()).toMillis();
			expiration = Long.toString(Math.max(0, remaining));
		}
		Map<String, @Nullable Object> headers = new LinkedHashMap<>();
		headers.put("lang", message.lang());
		headers.put("task", message.task());
		headers.put("id", message.id());
		headers.put("shadow", message.shadow());
		headers.put("eta", (message.eta() != null) ? CeleryTime.format(message.eta()) : null);
		headers.put("expires", (message.expires() != null) ? CeleryTime.format(message.expires()) : null);
		headers.put("group", message.group());
		headers.put("group_index", message.groupIndex());
		headers.put("retries", message.retries());
		headers.put("timelimit", Arrays.asList(message.hardTimeLimit(), message.softTimeLimit()));
		headers.put("root_id", message.rootId());
		headers.put("parent_id", message.parentId());
		headers.put("argsrepr", (message.argsRepr() != null) ? message.argsRepr() : PythonRepr.of(message.args()));
		headers.put("kwargsrepr",
				(message.kwargsRepr() != null) ? message.kwargsRepr() : PythonRepr.of(message.kwargs()));
		headers.put("origin", message.origin());
		headers.put("ignore_result", Boolean.TRUE.equals(message.ignoreResult()));
		message.extraHeaders().forEach(headers::putIfAbsent);
		ArrayNode body = JsonNodeFactory.instance.arrayNode();
		body.add(message.args());
		body.add(message.kwargs());
		ObjectNode embed = body.addObject();
		embed.set("callbacks", message.callbacks());
		embed.set("errbacks", message.errbacks());
		embed.set("chain", message.chain());
		embed.set("chord", message.chord());
		return new WireMessage(this.objectMapper.writeValueAsBytes(body), headers, CONTENT_TYPE, CONTENT_ENCODING,
				(message.priority() != null) ? message.priority() : 0, message.id(), message.replyTo(), expiration);
	}

	/**
	 * Decode a message into a task message, with no limit on the size of its body.
	 * @param wire the message
	 * @return the task message
	 * @throws InvalidTaskMessageException if the message is not a valid Celery protocol v2 JSON task message
	 * @see #decode(WireMessage, long)
	 */
	public TaskMessage decode(WireMessage wire) {
		return decode(wire, Long.MAX_VALUE);
	}

	/**
	 * Decode a message into a task message whose body, once decompressed, is at most {@code maxBodySize}
	 * bytes. A compressed body is inflated only up to that size, so a small message that would inflate to
	 * gigabytes (a compression bomb) costs no more memory than the limit.
	 * @param wire the message
	 * @param maxBodySize the largest body accepted, compressed or decompressed, in bytes
	 * @return the task message
	 * @throws InvalidTaskMessageException if the message is not a valid Celery protocol v2 JSON task message,
	 * with reason {@code message-too-large} if its body exceeds the limit
	 */
	public TaskMessage decode(WireMessage wire, long maxBodySize) {
		Map<String, @Nullable Object> headers = wire.headers();
		String id = optionalString(headers, "id", null, null);
		String task = optionalString(headers, "task", id, null);
		if (task == null) {
			throw invalid("not-protocol-v2", "Message has no 'task' header: not a Celery protocol v2 task message",
					id, null);
		}
		if (id == null || id.isBlank()) {
			throw invalid("missing-header", "Task message for '" + task + "' has no 'id' header", null, task);
		}
		checkContentType(wire, id, task);
		if (wire.body().length > maxBodySize) {
			throw tooLarge("Message body of " + wire.body().length + " bytes exceeds the limit of "
					+ maxBodySize + " bytes", id, task);
		}
		byte[] payload = decompress(wire.body(), headers, maxBodySize, id, task);
		JsonNode body = parseBody(payload, id, task);
		TaskMessage.Builder builder = TaskMessage.builder(task, id);
		builder.lang(orDefault(optionalString(headers, "lang", id, task), "py"));
		builder.shadow(optionalString(headers, "shadow", id, task));
		builder.eta(optionalTime(headers, "eta", id, task));
		builder.expires(optionalTime(headers, "expires", id, task));
		builder.group(optionalString(headers, "group", id, task), optionalInteger(headers, "group_index", id, task));
		Integer retries = optionalInteger(headers, "retries", id, task);
		builder.retries((retries != null) ? retries : 0);
		readTimeLimits(headers, builder, id, task);
		builder.rootId(optionalString(headers, "root_id", id, task));
		builder.parentId(optionalString(headers, "parent_id", id, task));
		builder.argsRepr(optionalString(headers, "argsrepr", id, task));
		builder.kwargsRepr(optionalString(headers, "kwargsrepr", id, task));
		builder.origin(optionalString(headers, "origin", id, task));
		builder.ignoreResult(optionalBoolean(headers, "ignore_result", id, task));
		headers.forEach((name, value) -> {
			if (!CELERY_HEADERS.contains(name)) {
				builder.header(name, value);
			}
		});
		builder.args((ArrayNode) untag(body.get(0)));
		builder.kwargs((ObjectNode) untag(body.get(1)));
		JsonNode embed = body.get(2);
		if (embed != null && embed.isObject()) {
			builder.callbacks(nonNull(embed.get("callbacks")));
			builder.errbacks(nonNull(embed.get("errbacks")));
			builder.chain(nonNull(embed.get("chain")));
			builder.chord(nonNull(embed.get("chord")));
		}
		builder.priority(wire.priority());
		builder.replyTo(wire.replyTo());
		return builder.build();
	}

	private void checkContentType(WireMessage wire, String id, String task) {
		String contentType = wire.contentType();
		if (contentType != null && !CONTENT_TYPE.equalsIgnoreCase(contentType.trim())) {
			throw invalid("unsupported-content-type", "Task message has content type '" + contentType
					+ "'; only application/json is accepted", id, task);
		}
		String encoding = wire.contentEncoding();
		if (encoding != null && !encoding.isBlank() && !"utf-8".equalsIgnoreCase(encoding)
				&& !"utf8".equalsIgnoreCase(encoding)) {
			throw invalid("unsupported-content-encoding",
					"Task message has content encoding '" + encoding + "'; only utf-8 is accepted", id, task);
		}
	}

	private byte[] decompress(byte[] body, Map<String, @Nullable Object> headers, long maxBodySize, String id,
			String task) {
		String compression = optionalString(headers, "compression", id, task);
		if (compression == null) {
			return body;
		}
		if (!ZLIB.equalsIgnoreCase(compression)) {
			throw invalid("unsupported-compression",
					"Task message is compressed with '" + compression + "'; only application/x-gzip (zlib) is accepted",
					id, task);
		}
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(body);
			ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBodySize, body.length * 4L));
			byte[] buffer = new byte[8192];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw invalid("malformed-body", "Task message body is truncated zlib data", id, task);
				}
				if (out.size() + (long) count > maxBodySize) {
					throw tooLarge("Compressed message body of " + body.length
							+ " bytes inflates past the limit of " + maxBodySize + " bytes", id, task);
				}
				out.write(buffer, 0, count);
			}
			return out.toByteArray();
		}
		catch (DataFormatException ex) {
			throw new InvalidTaskMessageException("malformed-body",
					"Task message body is not valid zlib data: " + ex.getMessage(), id, task, ex);
		}
		finally {
			inflater.end();
		}
	}

	private static InvalidTaskMessageException tooLarge(String message, String id, String task) {
		return invalid("message-too-large", message, id, task);
	}

	private JsonNode parseBody(byte[] payload, String id, String task) {
		JsonNode body;
		try {
			body = this.objectMapper.readTree(new String(payload, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			throw new InvalidTaskMessageException("malformed-body",
					"Task message body is not JSON: " + ex.getOriginalMessage(), id, task, ex);
		}
		if (body == null || !body.isArray() || body.size() < 2 || body.size() > 3) {
			throw invalid("malformed-body",
					"Task message body must be a JSON array [args, kwargs, embed], got " + describe(body), id, task);
		}
		if (!body.get(0).isArray()) {
			throw invalid("malformed-body", "Task message args must be a JSON array, got " + describe(body.get(0)),
					id, task);
		}
		if (!body.get(1).isObject()) {
			throw invalid("malformed-body", "Task message kwargs must be a JSON object, got " + describe(body.get(1)),
					id, task);
		}
		JsonNode embed = body.get(2);
		if (embed != null && !embed.isNull() && !embed.isObject()) {
			throw invalid("malformed-body", "Task message embed must be a JSON object or null, got "
					+ describe(embed), id, task);
		}
		return body;
	}

	private static String describe(@Nullable JsonNode node) {
		if (node == null) {
			return "nothing";
		}
		String text = node.toString();
		return node.getNodeType().name().toLowerCase() + " " + ((text.length() > 80) ? text.substring(0, 80) + "..." : text);
	}

	private void readTimeLimits(Map<String, @Nullable Object> headers, TaskMessage.Builder builder, String id,
			String task) {
		Object value = headers.get("timelimit");
		if (value == null) {
			return;
		}
		if (!(value instanceof List<?> limits) || limits.size() != 2) {
			throw invalid("invalid-header", "Header 'timelimit' must be [hard, soft], got " + value, id, task);
		}
		builder.timeLimits(seconds(limits.get(0), id, task), seconds(limits.get(1), id, task));
	}

	private static @Nullable Double seconds(@Nullable Object value, String id, String task) {
		if (value == null) {
			return null;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		throw invalid("invalid-header", "Header 'timelimit' must hold numbers or null, got " + value, id, task);
	}

	private static @Nullable Instant optionalTime(Map<String, @Nullable Object> headers, String name,
			String id, String task) {
		String text = optionalString(headers, name, id, task);
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return CeleryTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidTaskMessageException("invalid-header",
					"Header '" + name + "' is not an ISO-8601 date-time: '" + text + "'", id, task, ex);
		}
	}

	private static @Nullable String optionalString(Map<String, @Nullable Object> headers, String name,
			@Nullable String id, @Nullable String task) {
		Object value = headers.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof String string) {
			return string;
		}
		throw invalid("invalid-header", "Header '" + name + "' must be a string, got "
				+ value.getClass().getSimpleName() + " " + value, id, task);
	}

	private static @Nullable Integer optionalInteger(Map<String, @Nullable Object> headers, String name, String id,
			String task) {
		Object value = headers.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).intValue();
		}
		throw invalid("invalid-header", "Header '" + name + "' must be an integer, got " + value, id, task);
	}

	private static @Nullable Boolean optionalBoolean(Map<String, @Nullable Object> headers, String name,
			String id, String task) {
		Object value = headers.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		throw invalid("invalid-header", "Header '" + name + "' must be a boolean, got " + value, id, task);
	}

	private static @Nullable JsonNode nonNull(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? null : node;
	}

	private static String orDefault(@Nullable String value, String defaultValue) {
		return (value != null) ? value : defaultValue;
	}

	/**
	 * Replace kombu's tagged values with their plain JSON form: {@code datetime}, {@code date}, {@code time}
	 * and {@code decimal} become their ISO or decimal text, {@code uuid} its canonical text, {@code bytes} the
	 * text and {@code base64} the base64 text (which Jackson binds to {@code byte[]}).
	 */
	private static JsonNode untag(JsonNode node) {
		if (node.isArray()) {
			ArrayNode array = (ArrayNode) node;
			for (int i = 0; i < array.size(); i++) {
				array.set(i, untag(array.get(i)));
			}
			return array;
		}
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			if (object.size() == 2 && object.has("__type__") && object.has("__value__")) {
				return untagged(object.get("__type__").asString(), object.get("__value__"));
			}
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				entry.setValue(untag(entry.getValue()));
			}
		}
		return node;
	}

	private static JsonNode untagged(String type, JsonNode value) {
		if ("uuid".equals(type)) {
			JsonNode hex = value.isObject() ? value.get("hex") : value;
			if (hex != null && hex.isString() && hex.stringValue().length() == 32) {
				String h = hex.stringValue();
				return StringNode.valueOf(UUID.fromString(h.substring(0, 8) + "-" + h.substring(8, 12) + "-"
						+ h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20)).toString());
			}
		}
		return value;
	}

	private static InvalidTaskMessageException invalid(String reason, String message, @Nullable String id,
			@Nullable String task) {
		return new InvalidTaskMessageException(reason, message, id, task, null);
	}

}
