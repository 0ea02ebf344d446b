package io.taskq.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Messages written from {@code celery-protocol.md}: what taskq encodes, and what it must accept or refuse.
 */
class TaskMessageCodecTests {

	private static final Instant NOW = Instant.parse("2026-11-24T13:18:20.164052Z");

	private final TaskMessageCodec codec = new TaskMessageCodec(CeleryGolden.JSON, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void encodesCeleryPropertiesAndHeaders() {
		TaskMessage message = TaskMessage.builder("proj.tasks.add", "bbbbbbbb-0000-4000-8000-000000000001")
			.args(array("[2, \"it's\", null, true, {\"k\": [1.5]}]"))
			.kwargs(object("{\"x\": \"y\"}"))
			.expires(NOW.plusSeconds(600))
			.origin("taskq@host")
			.priority(5)
			.build();
		WireMessage encoded = this.codec.encode(message);
		assertThat(encoded.contentType()).isEqualTo("application/json");
		assertThat(encoded.contentEncoding()).isEqualTo("utf-8");
		assertThat(encoded.correlationId()).isEqualTo("bbbbbbbb-0000-4000-8000-000000000001");
		assertThat(encoded.priority()).isEqualTo(5);
		assertThat(encoded.expiration()).isEqualTo("600000");
		Map<String, @Nullable Object> headers = encoded.headers();
		assertThat(headers.keySet()).containsExactlyInAnyOrder("lang", "task", "id", "shadow", "eta", "expires",
				"group", "group_index", "retries", "timelimit", "root_id", "parent_id", "argsrepr", "kwargsrepr",
				"origin", "ignore_result");
		assertThat(headers).contains(entry("lang", "py"), entry("task", "proj.tasks.add"),
				entry("id", "bbbbbbbb-0000-4000-8000-000000000001"), entry("shadow", null), entry("eta", null),
				entry("expires", "2026-11-24T13:28:20.164052+00:00"), entry("group", null), entry("group_index", null),
				entry("retries", 0), entry("timelimit", Arrays.asList(null, null)),
				entry("root_id", "bbbbbbbb-0000-4000-8000-000000000001"), entry("parent_id", null),
				entry("argsrepr", "[2, \"it's\", None, True, {'k': [1.5]}]"), entry("kwargsrepr", "{'x': 'y'}"),
				entry("origin", "taskq@host"), entry("ignore_result", false));
		assertThat(CeleryGolden.JSON.readTree(encoded.body())).isEqualTo(CeleryGolden.JSON.readTree(
				"[[2, \"it's\", null, true, {\"k\": [1.5]}], {\"x\": \"y\"},"
						+ " {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]"));
	}

	@Test
	void encodesNoExpirationWithoutExpiresAndZeroWhenPast() {
		TaskMessage plain = TaskMessage.builder("t", "1").build();
		assertThat(this.codec.encode(plain).expiration()).isNull();
		assertThat(this.codec.encode(plain).priority()).isZero();
		TaskMessage past = TaskMessage.builder("t", "2").expires(NOW.minusSeconds(5)).build();
		assertThat(this.codec.encode(past).expiration()).isEqualTo("0");
	}

	@Test
	void encodeDecodeRoundTrip() {
		TaskMessage message = TaskMessage.builder("proj.tasks.add", "id-1")
			.args(array("[1, [2, 3], \"x\"]"))
			.kwargs(object("{\"flag\": false}"))
			.eta(Instant.parse("2030-01-01T12:00:00Z"))
			.expires(Instant.parse("2030-01-01T12:10:00.000001Z"))
			.group("g-1", 3)
			.retries(2)
			.timeLimits(30.0, 20.0)
			.rootId("root-1")
			.parentId("parent-1")
			.origin("taskq@host")
			.ignoreResult(true)
			.shadow("shown")
			.header("tenant", "acme")
			.callbacks(array("[{\"task\": \"cb\", \"args\": [], \"kwargs\": {}, \"options\": {}, "
					+ "\"subtask_type\": null, \"immutable\": false}]"))
			.chain(array("[]"))
			.chord(object("{\"task\": \"body\"}"))
			.priority(9)
			.replyTo("reply")
			.build();
		WireMessage encoded = this.codec.encode(message);
		assertThat(encoded.headers()).containsEntry("eta", "2030-01-01T12:00:00+00:00")
			.containsEntry("expires", "2030-01-01T12:10:00.000001+00:00")
			.containsEntry("timelimit", Arrays.asList(30.0, 20.0));
		TaskMessage decoded = this.codec.decode(encoded);
		assertThat(decoded.id()).isEqualTo("id-1");
		assertThat(decoded.task()).isEqualTo("proj.tasks.add");
		assertThat(decoded.args()).isEqualTo(message.args());
		assertThat(decoded.kwargs()).isEqualTo(message.kwargs());
		assertThat(decoded.eta()).isEqualTo(message.eta());
		assertThat(decoded.expires()).isEqualTo(message.expires());
		assertThat(decoded.group()).isEqualTo("g-1");
		assertThat(decoded.groupIndex()).isEqualTo(3);
		assertThat(decoded.retries()).isEqualTo(2);
		assertThat(decoded.hardTimeLimit()).isEqualTo(30.0);
		assertThat(decoded.softTimeLimit()).isEqualTo(20.0);
		assertThat(decoded.rootId()).isEqualTo("root-1");
		assertThat(decoded.parentId()).isEqualTo("parent-1");
		assertThat(decoded.origin()).isEqualTo("taskq@host");
		assertThat(decoded.ignoreResult()).isTrue();
		assertThat(decoded.shadow()).isEqualTo("shown");
		assertThat(decoded.extraHeaders()).containsExactly(entry("tenant", "acme"));
		assertThat(decoded.callbacks()).isEqualTo(message.callbacks());
		assertThat(decoded.errbacks()).isNull();
		assertThat(decoded.chain()).isEqualTo(array("[]"));
		assertThat(decoded.chord()).isEqualTo(message.chord());
		assertThat(decoded.priority()).isEqualTo(9);
		assertThat(decoded.replyTo()).isEqualTo("reply");
	}

	@Test
	void decodesSpecExampleMessage() {
		Map<String, @Nullable Object> headers = specHeaders();
		TaskMessage message = this.codec.decode(message(headers, """
				[[2, 2], {}, {"callbacks": [{"task": "proj.tasks.log_result", "args": [], "kwargs": {}, "options": {},
				 "subtask_type": null, "immutable": false}], "errbacks": null,
				 "chain": [{"task": "proj.tasks.add", "args": [8], "kwargs": {},
				  "options": {"task_id": "f0db6814-d1e1-4dd4-bf09-cd76d8cfea11",
				   "reply_to": "d88cb82f-cc62-34a9-bf51-32e871a0c02d"}, "subtask_type": null, "immutable": false}],
				 "chord": null}]"""));
		assertThat(message.task()).isEqualTo("proj.tasks.add");
		assertThat(message.eta()).isEqualTo(Instant.parse("2026-11-24T13:18:50.164052Z"));
		assertThat(message.expires()).isEqualTo(Instant.parse("2026-11-24T13:28:20.164052Z"));
		assertThat(message.args()).isEqualTo(array("[2, 2]"));
		assertThat(message.callbacks().get(0).get("task").stringValue()).isEqualTo("proj.tasks.log_result");
		assertThat(message.chain().get(0).get("args")).isEqualTo(array("[8]"));
		assertThat(message.errbacks()).isNull();
		assertThat(message.chord()).isNull();
		assertThat(message.extraHeaders()).containsOnlyKeys("replaced_task_nesting", "stamped_headers", "stamps");
	}

	@Test
	void acceptsNullAndMissingEmbed() {
		TaskMessage nullEmbed = this.codec.decode(message(specHeaders(), "[[1], {\"a\": 1}, null]"));
		assertThat(nullEmbed.callbacks()).isNull();
		assertThat(nullEmbed.chain()).isNull();
		TaskMessage twoElements = this.codec.decode(message(specHeaders(), "[[1], {}]"));
		assertThat(twoElements.args()).isEqualTo(array("[1]"));
	}

	@Test
	void minimalHeadersGetCeleryDefaults() {
		Map<String, @Nullable Object> headers = new LinkedHashMap<>();
		headers.put("task", "t");
		headers.put("id", "i");
		TaskMessage message = this.codec.decode(message(headers, "[[], {}, null]"));
		assertThat(message.lang()).isEqualTo("py");
		assertThat(message.retries()).isZero();
		assertThat(message.rootId()).isEqualTo("i");
		assertThat(message.hardTimeLimit()).isNull();
	}

	@Test
	void naiveEtaIsUtc() {
		Map<String, @Nullable Object> headers = specHeaders();
		headers.put("eta", "2030-01-01T12:00:00");
		headers.put("expires", "2030-01-01T14:19:45.315852+01:00");
		TaskMessage message = this.codec.decode(message(headers, "[[], {}, null]"));
		assertThat(message.eta()).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
		assertThat(message.expires()).isEqualTo(Instant.parse("2030-01-01T13:19:45.315852Z"));
	}

	@Test
	void untagsKombuValues() {
		TaskMessage message = this.codec.decode(message(specHeaders(), """
				[[{"__type__": "datetime", "__value__": "2030-01-01T00:00:00+00:00"},
				  {"__type__": "decimal", "__value__": "1.10"},
				  {"__type__": "uuid", "__value__": {"hex": "0123456789abcdef0123456789abcdef"}},
				  {"__type__": "bytes", "__value__": "héllo"},
				  {"__type__": "date", "__value__": "2030-01-01"},
				  {"__type__": "x", "__value__": 1, "other": 2}],
				 {"nested": {"when": {"__type__": "time", "__value__": "12:30:00"}}}, null]"""));
		assertThat(message.args()).isEqualTo(array("""
				["2030-01-01T00:00:00+00:00", "1.10", "01234567-89ab-cdef-0123-456789abcdef", "héllo", "2030-01-01",
				 {"__type__": "x", "__value__": 1, "other": 2}]"""));
		assertThat(message.kwargs()).isEqualTo(object("{\"nested\": {\"when\": \"12:30:00\"}}"));
	}

	@Test
	void decodesZlibCompressedBody() {
		Map<String, @Nullable Object> headers = specHeaders();
		headers.put("compression", "application/x-gzip");
		TaskMessage message = this.codec.decode(message(headers, Zlib.compress("[[4, 5], {}, null]", 0)));
		assertThat(message.args()).isEqualTo(array("[4, 5]"));
		assertThat(message.extraHeaders()).containsEntry("compression", "application/x-gzip");
	}

	@Test
	void inflatesACompressedBodyNoFurtherThanTheLimit() {
		Map<String, @Nullable Object> headers = specHeaders();
		headers.put("compression", "application/x-gzip");
		// A valid task message padded with 64 MB of spaces: about 64 KB compressed, a bomb once inflated.
		WireMessage bomb = message(headers, Zlib.compress("[[4, 5], {}, null]", 64 * 1024 * 1024));
		assertThat(bomb.body().length).isLessThan(1024 * 1024);
		assertThatExceptionOfType(InvalidTaskMessageException.class)
			.isThrownBy(() -> this.codec.decode(bomb, 1024 * 1024))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo("message-too-large");
				assertThat(ex.getMessage()).contains("inflates past the limit of 1048576 bytes");
				assertThat(ex.getTaskId()).isEqualTo("bbbbbbbb-0000-4000-8000-000000000001");
			});
		assertThat(this.codec.decode(message(headers, Zlib.compress("[[4, 5], {}, null]", 1000)), 1024).args())
			.isEqualTo(array("[4, 5]"));
	}

	@Test
	void refusesABodyLargerThanTheLimit() {
		WireMessage large = message(specHeaders(), "[[4, 5], {}, null]" + " ".repeat(2000));
		assertThatExceptionOfType(InvalidTaskMessageException.class).isThrownBy(() -> this.codec.decode(large, 2000))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("message-too-large"));
		assertThat(this.codec.decode(large, 2018).args()).isEqualTo(array("[4, 5]"));
	}

	@Test
	void refusesABodyNestedDeeperThanJsonParsingAllows() {
		String nested = "[".repeat(20_000) + "]".repeat(20_000);
		assertInvalid(message(specHeaders(), "[[" + nested + "], {}, null]"), "malformed-body");
	}

	@Test
	void refusesInvalidMessagesWithReason() {
		Map<String, @Nullable Object> noTask = specHeaders();
		noTask.remove("task");
		assertInvalid(message(noTask, "[[], {}, null]"), "not-protocol-v2");
		Map<String, @Nullable Object> noId = specHeaders();
		noId.remove("id");
		assertInvalid(message(noId, "[[], {}, null]"), "missing-header");
		WireMessage pickle = withContent(message(specHeaders(), "[[], {}, null]"), "application/x-python-serialize",
				"utf-8");
		assertInvalid(pickle, "unsupported-content-type");
		WireMessage latin1 = withContent(message(specHeaders(), "[[], {}, null]"), "application/json", "binary");
		assertInvalid(latin1, "unsupported-content-encoding");
		assertInvalid(message(specHeaders(), "not json"), "malformed-body");
		assertInvalid(message(specHeaders(), "{\"args\": []}"), "malformed-body");
		assertInvalid(message(specHeaders(), "[{}, {}, null]"), "malformed-body");
		assertInvalid(message(specHeaders(), "[[], [], null]"), "malformed-body");
		assertInvalid(message(specHeaders(), "[[], {}, []]"), "malformed-body");
		assertInvalidHeader("eta", "tomorrow");
		assertInvalidHeader("retries", "1");
		assertInvalidHeader("timelimit", Arrays.asList(1.0));
		assertInvalidHeader("timelimit", Arrays.asList("1", null));
		assertInvalidHeader("ignore_result", "yes");
		Map<String, @Nullable Object> bz2 = specHeaders();
		bz2.put("compression", "application/x-bz2");
		assertInvalid(message(bz2, "[[], {}, null]"), "unsupported-compression");
		Map<String, @Nullable Object> zlib = specHeaders();
		zlib.put("compression", "application/x-gzip");
		assertInvalid(message(zlib, "[[], {}, null]"), "malformed-body");
	}

	private void assertInvalidHeader(String name, Object value) {
		Map<String, @Nullable Object> headers = specHeaders();
		headers.put(name, value);
		assertInvalid(message(headers, "[[], {}, null]"), "invalid-header");
	}

	private void assertInvalid(WireMessage message, String reason) {
		assertThatExceptionOfType(InvalidTaskMessageException.class).isThrownBy(() -> this.codec.decode(message))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason));
	}

	/** The headers of the complete example of {@code celery-protocol.md} §1.6. */
	private static Map<String, @Nullable Object> specHeaders() {
		Map<String, @Nullable Object> headers = new LinkedHashMap<>();
		headers.put("lang", "py");
		headers.put("task", "proj.tasks.add");
		headers.put("id", "bbbbbbbb-0000-4000-8000-000000000001");
		headers.put("shadow", null);
		headers.put("eta", "2026-11-24T13:18:50.164052+00:00");
		headers.put("expires", "2026-11-24T13:28:20.164052+00:00");
		headers.put("group", null);
		headers.put("group_index", null);
		headers.put("retries", 0);
		headers.put("timelimit", Arrays.asList(null, null));
		headers.put("root_id", "bbbbbbbb-0000-4000-8000-000000000001");
		headers.put("parent_id", null);
		headers.put("argsrepr", "(2, 2)");
		headers.put("kwargsrepr", "{}");
		headers.put("origin", "gen13469@vm");
		headers.put("ignore_result", false);
		headers.put("replaced_task_nesting", 0);
		headers.put("stamped_headers", null);
		headers.put("stamps", new LinkedHashMap<>());
		return headers;
	}

	private static WireMessage message(Map<String, @Nullable Object> headers, String body) {
		return message(headers, body.getBytes(StandardCharsets.UTF_8));
	}

	private static WireMessage message(Map<String, @Nullable Object> headers, byte[] body) {
		return new WireMessage(body, new LinkedHashMap<>(headers), "application/json", "utf-8", 5,
				"bbbbbbbb-0000-4000-8000-000000000001", null, null);
	}

	private static WireMessage withContent(WireMessage message, String contentType, String contentEncoding) {
		return new WireMessage(message.body(), message.headers(), contentType, contentEncoding, message.priority(),
				message.correlationId(), message.replyTo(), message.expiration());
	}

	private static ArrayNode array(String json) {
		return (ArrayNode) CeleryGolden.JSON.readTree(json);
	}

	private static ObjectNode object(String json) {
		return (ObjectNode) CeleryGolden.JSON.readTree(json);
	}

}
