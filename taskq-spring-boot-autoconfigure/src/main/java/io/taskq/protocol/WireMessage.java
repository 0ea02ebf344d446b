package io.taskq.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A task message as it travels, whatever the transport: the body as bytes, the properties Celery gives meaning to,
 * and the application headers as plain Java values (strings, numbers, booleans, lists, maps, {@code null}). What
 * the codec encodes, what a broker publishes and delivers, and what the schedule keeps.
 *
 * @param body the body
 * @param headers the application headers, read-only
 * @param contentType the content type, such as {@code application/json}
 * @param contentEncoding the content encoding, such as {@code utf-8}
 * @param priority the priority (0 to 255), or {@code null} for none
 * @param correlationId the correlation id (Celery sets the task id)
 * @param replyTo the reply-to address, or {@code null}
 * @param expiration how long the broker keeps the message queued, in milliseconds as text, or {@code null}
 */
public record WireMessage(byte[] body, Map<String, @Nullable Object> headers, @Nullable String contentType,
		@Nullable String contentEncoding, @Nullable Integer priority, @Nullable String correlationId,
		@Nullable String replyTo, @Nullable String expiration) {

	/**
	 * Create a message; the headers are used as given, not copied, and must not be changed afterwards.
	 */
	public WireMessage {
		headers = Collections.unmodifiableMap(headers);
	}

	/**
	 * A header's value.
	 * @param name the header name
	 * @return its value, or {@code null} if absent or null
	 */
	public @Nullable Object header(String name) {
		return this.headers.get(name);
	}

	/**
	 * A header's value as text, whatever its type.
	 * @param name the header name
	 * @return its text, or {@code null} if absent or null
	 */
	public @Nullable String headerText(String name) {
		Object value = this.headers.get(name);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * This message with one header set.
	 * @param name the header name
	 * @param value its value
	 * @return a copy with the header
	 */
	public WireMessage withHeader(String name, @Nullable Object value) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new WireMessage(this.body, copy, this.contentType, this.contentEncoding, this.priority,
				this.correlationId, this.replyTo, this.expiration);
	}

	/**
	 * This message without its expiration: kept elsewhere, it is due again later.
	 * @return a copy without expiration
	 */
	public WireMessage withoutExpiration() {
		return (this.expiration == null) ? this : new WireMessage(this.body, this.headers, this.contentType,
				this.contentEncoding, this.priority, this.correlationId, this.replyTo, null);
	}

	/**
	 * The message as its headers name it, {@code task[id]}, without decoding it: for logs.
	 * @return the description
	 */
	public String describe() {
		String task = headerText("task");
		String id = headerText("id");
		return ((task != null) ? task : "(unknown task)") + "[" + ((id != null) ? id : "?") + "]";
	}

	@Override
	public String toString() {
		return "WireMessage " + describe() + " (" + this.body.length + " bytes)";
	}

}
