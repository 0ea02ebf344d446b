package io.taskq.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskOperations;
import io.taskq.protocol.Zlib;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.worker.outcome.DeadLetterOutcomeHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and malformed messages, published as raw bytes with the plain RabbitMQ client: each one goes to the
 * dead-letter queue with its reason, stores FAILURE where its task id is known, and the worker goes on to run
 * a valid task sent right after it.
 */
@SpringBootTest(classes = BadInputIntegrationTests.Config.class)
class BadInputIntegrationTests {

	static final String QUEUE = TestQueues.unique("bad-input");

	static final String DEAD_LETTERS = TestQueues.unique("bad-input-dlq");

	static Connection connection;

	static Channel channel;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.default-queue", () -> QUEUE);
		registry.add("taskq.worker.dead-letter-queue", () -> DEAD_LETTERS);
		registry.add("taskq.worker.concurrency", () -> "1");
		registry.add("taskq.worker.max-message-size", () -> "64KB");
	}

	@Autowired
	TaskOperations tasks;

	@Autowired
	ResultStore resultStore;

	@Autowired
	MeterRegistry meterRegistry;

	@BeforeAll
	static void connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		connection = factory.newConnection("bad-input-test");
		channel = connection.createChannel();
	}

	@AfterAll
	static void cleanUp() throws Exception {
		channel.queueDelete(QUEUE);
		channel.queueDelete(DEAD_LETTERS);
		channel.exchangeDelete(QUEUE);
		channel.exchangeDelete(DEAD_LETTERS);
		connection.close();
	}

	static Stream<Arguments> badMessages() {
		return Stream.of(
				bad("unknown task name", "not-registered", true, "[[1, 2], {}, null]", (h) -> h.put("task", "no.such")),
				bad("body is not JSON", "malformed-body", true, "[[1, 2], {}, {", (h) -> {
				}),
				bad("body is a JSON object", "malformed-body", true, "{\"args\": [1, 2]}", (h) -> {
				}),
				bad("args is not an array", "malformed-body", true, "[1, {}, null]", (h) -> {
				}),
				bad("too many arguments", "invalid-arguments", true, "[[1, 2, 3], {}, null]", (h) -> {
				}),
				bad("argument of the wrong type", "invalid-arguments", true, "[[\"one\", 2], {}, null]", (h) -> {
				}),
				bad("floating-point number into an int", "invalid-arguments", true, "[[0.5, 2], {}, null]", (h) -> {
				}),
				bad("2.0 into an int", "invalid-arguments", true, "[[2.0, 2], {}, null]", (h) -> {
				}),
				bad("string of digits into an int", "invalid-arguments", true, "[[\"3\", \"4\"], {}, null]", (h) -> {
				}),
				bad("integer that overflows an int", "invalid-arguments", true, "[[4294967296, 2], {}, null]",
						(h) -> {
						}),
				bad("unknown keyword", "invalid-arguments", true, "[[1, 2], {\"c\": 3}, null]", (h) -> {
				}),
				bad("missing id header", "missing-header", false, "[[1, 2], {}, null]", (h) -> h.remove("id")),
				bad("id header is a number", "invalid-header", false, "[[1, 2], {}, null]", (h) -> h.put("id", 42)),
				bad("task header is a table", "invalid-header", true, "[[1, 2], {}, null]",
						(h) -> h.put("task", Map.of("x", 1))),
				bad("eta does not parse", "invalid-header", true, "[[1, 2], {}, null]",
						(h) -> h.put("eta", "tomorrow at noon")),
				bad("expires does not parse", "invalid-header", true, "[[1, 2], {}, null]",
						(h) -> h.put("expires", "2026-13-45T99:00:00")),
				bad("retries is a string", "invalid-header", true, "[[1, 2], {}, null]",
						(h) -> h.put("retries", "three")),
				bad("no task header (protocol v1)", "not-protocol-v2", false,
						"{\"task\": \"bad.add\", \"id\": \"x\", \"args\": [1, 2]}", (h) -> h.clear()));
	}

	private static Arguments bad(String name, String reason, boolean idKnown, String body,
			Consumer<Map<String, Object>> headers) {
		return Arguments.of(name, reason, idKnown, body.getBytes(StandardCharsets.UTF_8), headers, null, null);
	}

	static Stream<Arguments> badProperties() {
		return Stream.of(
				Arguments.of("pickle content type", "unsupported-content-type", true,
						"[[1, 2], {}, null]".getBytes(StandardCharsets.UTF_8), noChange(),
						"application/x-python-serialize", "binary"),
				Arguments.of("latin-1 encoding", "unsupported-content-encoding", true,
						"[[1, 2], {}, null]".getBytes(StandardCharsets.UTF_8), noChange(), "application/json",
						"latin-1"),
				Arguments.of("oversized body", "message-too-large", true, oversizedBody(), noChange(),
						"application/json", "utf-8"),
				// 32 MB once inflated, 32 KB compressed: inflating stops at the limit.
				Arguments.of("compression bomb", "message-too-large", true,
						Zlib.compress("[[1, 2], {}, null]", 32 * 1024 * 1024),
						(Consumer<Map<String, Object>>) (h) -> h.put("compression", "application/x-gzip"),
						"application/json", "utf-8"),
				Arguments.of("deeply nested body", "malformed-body", true, deeplyNestedBody(), noChange(),
						"application/json", "utf-8"));
	}

	private static Consumer<Map<String, Object>> noChange() {
		return (headers) -> {
		};
	}

	private static byte[] deeplyNestedBody() {
		String nested = "[".repeat(30_000) + "]".repeat(30_000);
		return ("[[" + nested + ", 2], {}, null]").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] oversizedBody() {
		byte[] body = new byte[70 * 1024];
		Arrays.fill(body, (byte) ' ');
		byte[] json = "[[1, 2], {}, null]".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(json, 0, body, 0, json.length);
		return body;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource({ "badMessages", "badProperties" })
	void badMessageIsDeadLetteredAndWorkGoesOn(String name, String reason, boolean idKnown, byte[] body,
			Consumer<Map<String, Object>> headerChange, String contentType, String contentEncoding) throws Exception {
		double before = deadLettered(reason);
		String taskId = publish(name, body, headerChange, contentType, contentEncoding);

		assertThat(this.tasks.send("bad.add", 20, 22).get(Duration.ofSeconds(15))).isEqualTo(42);

		GetResponse deadLetter = awaitDeadLetter(name);
		Map<String, Object> deadHeaders = deadLetter.getProps().getHeaders();
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.REASON_HEADER)).hasToString(reason);
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.ORIGINAL_QUEUE_HEADER)).hasToString(QUEUE);
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.EXCEPTION_HEADER).toString()).isNotBlank();
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.EXCEPTION_MESSAGE_HEADER).toString()).isNotBlank();
		assertThat(deadLetter.getBody()).isEqualTo(body);
		assertThat(deadLettered(reason)).isEqualTo(before + 1);
		TaskResult stored = this.resultStore.get(taskId);
		if (idKnown) {
			assertThat(stored).isNotNull();
			assertThat(stored.state()).isEqualTo(TaskState.FAILURE);
			assertThat(stored.traceback()).isNotBlank();
			if (reason.equals("not-registered")) {
				assertThat(stored.result().get("exc_type").asString()).isEqualTo("NotRegistered");
				assertThat(stored.result().get("exc_module").asString()).isEqualTo("celery.exceptions");
			}
		}
		else {
			assertThat(stored).isNull();
		}
	}

	@Test
	void floatingPointNumberIntoALongParameterFailsNamingTheParameterValueAndType() throws Exception {
		String expected = "Task 'bad.negate' argument 'value': cannot convert 0.5 to long "
				+ "(floating-point number into an integer type)";
		String taskId = publish("0.5 into a long", "[[0.5], {}, null]".getBytes(StandardCharsets.UTF_8),
				(headers) -> headers.put("task", "bad.negate"), null, null);

		assertThat(this.tasks.send("bad.negate", 5).get(Duration.ofSeconds(15))).isEqualTo(-5);

		Map<String, Object> deadHeaders = awaitDeadLetter("0.5 into a long").getProps().getHeaders();
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.REASON_HEADER)).hasToString("invalid-arguments");
		assertThat(deadHeaders.get(DeadLetterOutcomeHandler.EXCEPTION_MESSAGE_HEADER)).hasToString(expected);
		TaskResult stored = this.resultStore.get(taskId);
		assertThat(stored.state()).isEqualTo(TaskState.FAILURE);
		assertThat(stored.result().get("exc_type").asString()).isEqualTo("TaskArgumentException");
		assertThat(stored.result().get("exc_message").get(0).asString()).isEqualTo(expected);
	}

	/**
	 * Publish a task message as Python's Celery would, but with the given body and header changes.
	 * @return the task id
	 */
	private static String publish(String testCase, byte[] body, Consumer<Map<String, Object>> headerChange,
			String contentType, String contentEncoding) throws Exception {
		String taskId = "bad-" + UUID.randomUUID();
		Map<String, Object> headers = new HashMap<>();
		headers.put("lang", "py");
		headers.put("task", "bad.add");
		headers.put("id", taskId);
		headers.put("retries", 0);
		headers.put("timelimit", Arrays.asList(null, null));
		headers.put("root_id", taskId);
		headerChange.accept(headers);
		headers.put("x-test-case", testCase);
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
			.contentType((contentType != null) ? contentType : "application/json")
			.contentEncoding((contentEncoding != null) ? contentEncoding : "utf-8")
			.deliveryMode(2)
			.correlationId(taskId)
			.headers(headers)
			.build();
		channel.basicPublish("", QUEUE, properties, body);
		return taskId;
	}

	private double deadLettered(String reason) {
		var counter = this.meterRegistry.find("taskq.messages.dead.lettered").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static GetResponse awaitDeadLetter(String testCase) {
		List<GetResponse> seen = new ArrayList<>();
		return await().atMost(Duration.ofSeconds(10)).until(() -> {
			GetResponse response = channel.basicGet(DEAD_LETTERS, true);
			if (response != null) {
				seen.add(response);
			}
			return seen.stream()
				.filter((r) -> testCase.equals(String.valueOf(r.getProps().getHeaders().get("x-test-case"))))
				.findFirst()
				.orElse(null);
		}, (response) -> response != null);
	}

	static class Handlers {

		@TaskHandler("bad.add")
		int add(int a, int b) {
			return a + b;
		}

		@TaskHandler("bad.negate")
		long negate(long value) {
			return -value;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
