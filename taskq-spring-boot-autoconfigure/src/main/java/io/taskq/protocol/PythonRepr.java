package io.taskq.protocol;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Python {@code repr()} of JSON values, for Celery's {@code argsrepr} and {@code kwargsrepr} headers, which
 * monitoring tools show. Cut to Celery's 1024 characters.
 */
final class PythonRepr {

	static final int MAX_LENGTH = 1024;

	private PythonRepr() {
	}

	static String of(JsonNode value) {
		StringBuilder text = new StringBuilder();
		append(text, value);
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) : text.toString();
	}

	private static void append(StringBuilder text, JsonNode value) {
		if (text.length() > MAX_LENGTH) {
			return;
		}
		if (value.isNull() || value.isMissingNode()) {
			text.append("None");
		}
		else if (value.isBoolean()) {
			text.append(value.booleanValue() ? "True" : "False");
		}
		else if (value.isString()) {
			appendString(text, value.stringValue());
		}
		else if (value.isArray()) {
			text.append('[');
			boolean first = true;
			for (JsonNode element : value) {
				if (!first) {
					text.append(", ");
				}
				append(text, element);
				first = false;
			}
			text.append(']');
		}
		else if (value.isObject()) {
			text.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				if (!first) {
					text.append(", ");
				}
				appendString(text, entry.getKey());
				text.append(": ");
				append(text, entry.getValue());
				first = false;
			}
			text.append('}');
		}
		else {
			text.append(value.asString());
		}
	}

	private static void appendString(StringBuilder text, String value) {
		char quote = (value.indexOf('\'') >= 0 && value.indexOf('"') < 0) ? '"' : '\'';
		text.append(quote);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == quote || c == '\\') {
				text.append('\\').append(c);
			}
			else if (c == '\n') {
				text.append("\\n");
			}
			else if (c == '\r') {
				text.append("\\r");
			}
			else if (c == '\t') {
				text.append("\\t");
			}
			else if (c < 0x20 || c == 0x7f) {
				text.append(String.format("\\x%02x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		text.append(quote);
	}

}
