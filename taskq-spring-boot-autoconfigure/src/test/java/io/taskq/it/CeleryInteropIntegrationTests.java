package io.taskq.it;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.worker.outcome.DeadLetterOutcomeHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * taskq and Python Celery 5 on the same RabbitMQ and Redis: a Python client calls Java tasks, taskq calls the
 * tasks of a real {@code celery worker}, and each side reads the results the other wrote. The Python helpers
 * are in {@code src/test/resources/celery/}; the interpreter is the {@code taskq.python} system property.
 */
@SpringBootTest(classes = CeleryInteropIntegrationTests.Config.class)
class CeleryInteropIntegrationTests {

	static final String JAVA_QUEUE = TestQueues.unique("interop-java");

	static final String PYTHON_QUEUE = TestQueues.unique("interop-python");

	static final String DEAD_LETTER_QUEUE = TestQueues.unique("interop-dead");

	/** Declared with {@code x-max-priority} 10 by both sides, consumed by a worker of one thread. */
	static final String PRIORITY_QUEUE = TestQueues.unique("interop-priority");

	static final String NODE_NAME = "taskq-interop-" + UUID.randomUUID().toString().substring(0, 8) + "@test";

	static final String PYTHON = System.getProperty("taskq.python", "/usr/bin/python3");

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Markers of the {@code interop.record} tasks that ran. */
	static final Set<String> recorded = ConcurrentHashMap.newKeySet();

	static CeleryWorker worker;

	static AmqpAdmin admin;

	@Autowired
	TaskOperations tasks;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.default-queue", () -> JAVA_QUEUE);
		registry.add("taskq.node-name", () -> NODE_NAME);
		registry.add("taskq.worker.concurrency", () -> "2");
		registry.add("taskq.worker.dead-letter-queue", () -> DEAD_LETTER_QUEUE);
	}

	@BeforeAll
	static void startCeleryWorker() throws IOException {
		worker = CeleryWorker.start(PYTHON_QUEUE, "interop");
	}

	@AfterAll
	static void stopCeleryWorkerAndDeleteQueues() throws InterruptedException {
		if (worker != null) {
			worker.close();
		}
		if (admin != null) {
			for (String queue : List.of(JAVA_QUEUE, PYTHON_QUEUE, DEAD_LETTER_QUEUE, PRIORITY_QUEUE)) {
				admin.deleteQueue(queue);
				admin.deleteExchange(queue);
			}
		}
	}

	@Autowired
	void keepAdmin(AmqpAdmin amqpAdmin) {
		admin = amqpAdmin;
	}

	@Test
	void pythonClientCallsJavaTaskWithArgs() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.add", "args", List.of(2, 3), "queue",
				JAVA_QUEUE));
		assertThat(outcome.path("ok").isInt()).as(outcome.toString()).isTrue();
		assertThat(outcome.get("ok").intValue()).isEqualTo(5);
	}

	@Test
	void pythonClientCallsJavaTaskWithKwargs() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.greet", "args", List.of("Ada"), "kwargs",
				Map.of("punctuation", "!", "times", 2), "queue", JAVA_QUEUE));
		assertThat(outcome.path("ok").asString()).as(outcome.toString()).isEqualTo("Hello Ada!Hello Ada!");
	}

	@Test
	void pythonClientGetsJavaFailureAsException() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.fail", "args", List.of("boom"), "queue",
				JAVA_QUEUE));
		JsonNode error = outcome.path("error");
		assertThat(error.path("type").asString()).as(outcome.toString()).isEqualTo("IllegalStateException");
		assertThat(error.path("args")).isEqualTo(JSON.readTree("[\"boom\"]"));
		assertThat(error.path("str").asString()).isEqualTo("boom");
		assertThat(outcome.path("state").asString()).isEqualTo("FAILURE");
		assertThat(outcome.path("traceback").asString()).contains("java.lang.IllegalStateException: boom");
	}

	@Test
	void pythonClientGetsNotRegisteredForUnknownJavaTask() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.unknown", "args", List.of(), "queue",
				JAVA_QUEUE));
		JsonNode error = outcome.path("error");
		assertThat(error.path("type").asString()).as(outcome.toString()).isEqualTo("NotRegistered");
		assertThat(error.path("module").asString()).isEqualTo("celery.exceptions");
		assertThat(error.path("args")).isEqualTo(JSON.readTree("[\"interop.unknown\"]"));
		assertThat(error.path("str").asString()).isEqualTo("'interop.unknown'");
	}

	@Test
	void pythonFloatsAndStringsIntoJavaIntegerParametersRaiseAndTheWorkerGoesOn() {
		JsonNode floats = python(Map.of("op", "call", "task", "interop.add", "args", List.of(0.5, 0.25), "queue",
				JAVA_QUEUE));
		assertThat(floats.path("state").asString()).as(floats.toString()).isEqualTo("FAILURE");
		assertThat(floats.path("error").path("type").asString()).isEqualTo("TaskArgumentException");
		assertThat(floats.path("error").path("str").asString()).isEqualTo(
				"Task 'interop.add' argument 'a': cannot convert 0.5 to int (floating-point number into an integer type)");
		JsonNode strings = python(Map.of("op", "call", "task", "interop.add", "args", List.of("3", "4"), "queue",
				JAVA_QUEUE));
		assertThat(strings.path("error").path("str").asString()).as(strings.toString())
			.isEqualTo("Task 'interop.add' argument 'a': cannot convert \"3\" to int (string into an integer type)");
		JsonNode valid = python(Map.of("op", "call", "task", "interop.add", "args", List.of(2, 3), "queue",
				JAVA_QUEUE));
		assertThat(valid.path("ok").asInt()).as(valid.toString()).isEqualTo(5);
	}

	/**
	 * kombu's own compression: a 20 MB argument compresses to about 20 KB, and would inflate past the worker's
	 * 10 MB limit. Inflating stops at the limit; the message is dead-lettered, Python gets the failure, and the
	 * worker goes on.
	 */
	@Test
	void aPythonMessageThatInflatesPastTheLimitFailsAndTheWorkerGoesOn() {
		JsonNode bomb = python(Map.of("op", "call", "task", "interop.identity", "big_arg", 20_000_000, "queue",
				JAVA_QUEUE, "options", Map.of("compression", "zlib")));
		assertThat(bomb.path("state").asString()).as(bomb.toString()).isEqualTo("FAILURE");
		assertThat(bomb.path("error").path("type").asString()).isEqualTo("InvalidTaskMessageException");
		assertThat(bomb.path("error").path("str").asString()).contains("inflates past the limit of 10485760 bytes");
		Message deadLetter = this.rabbitTemplate.receive(DEAD_LETTER_QUEUE, 10_000);
		assertThat(deadLetter).isNotNull();
		assertThat(deadLetter.getMessageProperties().getHeaders())
			.containsEntry(DeadLetterOutcomeHandler.REASON_HEADER, "message-too-large")
			.containsEntry("id", bomb.path("id").asString());
		JsonNode valid = python(Map.of("op", "call", "task", "interop.add", "args", List.of(2, 3), "queue",
				JAVA_QUEUE));
		assertThat(valid.path("ok").asInt()).as(valid.toString()).isEqualTo(5);
	}

	@Test
	void pythonBigIntegersReachJavaExactly() {
		BigInteger big = BigInteger.TWO.pow(70);
		JsonNode successor = python(Map.of("op", "call", "task", "interop.successor", "args", List.of(big), "queue",
				JAVA_QUEUE));
		assertThat(successor.path("ok").isIntegralNumber()).as(successor.toString()).isTrue();
		assertThat(successor.path("ok").bigIntegerValue()).isEqualTo(big.add(BigInteger.ONE));
		JsonNode same = python(Map.of("op", "call", "task", "interop.identity", "args", List.of(big), "queue",
				JAVA_QUEUE));
		assertThat(same.path("ok").bigIntegerValue()).as(same.toString()).isEqualTo(big);
		JsonNode half = python(Map.of("op", "call", "task", "interop.identity", "args", List.of(0.5), "queue",
				JAVA_QUEUE));
		assertThat(half.path("ok").isDouble()).as(half.toString()).isTrue();
		assertThat(half.path("ok").doubleValue()).isEqualTo(0.5);
	}

	@Test
	void pythonCountdownIsHonouredByTheJavaWorker() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.now", "queue", JAVA_QUEUE, "options",
				Map.of("countdown", 2)));
		long ranAt = outcome.get("ok").asLong();
		assertThat(ranAt - outcome.get("sent_ms").asLong()).isBetween(2000L - 50, 3500L);
	}

	@Test
	void pythonEtaWithAnOffsetIsHonouredByTheJavaWorker() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.now", "queue", JAVA_QUEUE, "datetimes",
				Map.of("eta", Map.of("in", 2, "utcoffset", 330))));
		assertThat(outcome.path("eta").asString()).as(outcome.toString()).endsWith("+05:30");
		assertRanAtEta(outcome, "an ETA at +05:30");
	}

	@Test
	void pythonNaiveEtaIsReadAsUtcByTheJavaWorker() {
		// Celery's documented way: eta=datetime.utcnow() + timedelta(...), sent without an offset.
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.now", "queue", JAVA_QUEUE, "datetimes",
				Map.of("eta", Map.of("in", 2))));
		assertThat(outcome.path("eta").asString()).as(outcome.toString())
			.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?");
		assertRanAtEta(outcome, "a naive ETA");
	}

	@Test
	void pythonCountdownWithALaterExpiryRuns() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.now", "queue", JAVA_QUEUE, "options",
				Map.of("countdown", 1, "expires", 10)));
		assertThat(outcome.path("ok").isNumber()).as(outcome.toString()).isTrue();
		assertThat(outcome.get("ok").asLong() - outcome.get("sent_ms").asLong()).isBetween(1000L - 50, 2500L);
	}

	@Test
	void pythonExpiryInThePastRevokesTheTask() {
		String marker = "expired-" + UUID.randomUUID();
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.record", "args", List.of(marker), "queue",
				JAVA_QUEUE, "datetimes", Map.of("expires", Map.of("in", -10, "utcoffset", 0))));
		assertRevokedAsExpired(outcome);
		assertThat(recorded).doesNotContain(marker);
	}

	@Test
	void pythonExpiryPassingBeforeTheCountdownEndsRevokesTheTaskAtItsEta() {
		String marker = "expired-" + UUID.randomUUID();
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.record", "args", List.of(marker), "queue",
				JAVA_QUEUE, "options", Map.of("countdown", 2, "expires", 1)));
		assertRevokedAsExpired(outcome);
		assertThat(recorded).doesNotContain(marker);
		// As in Celery, whose worker holds the message until its ETA and only then finds it expired.
		TaskResult stored = this.tasks.handle(outcome.get("id").asString()).result();
		assertThat(stored).isNotNull();
		assertThat(stored.dateDone().toInstant().toEpochMilli() - outcome.get("sent_ms").asLong())
			.isBetween(2000L - 50, 3500L);
	}

	@Test
	void pythonPrioritiesRunHighestFirstOnTheJavaWorker() {
		// Celery's way to priorities on RabbitMQ: every queue with x-max-priority, on both sides alike.
		Map<String, Object> conf = Map.of("task_queue_max_priority", 10);
		try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(PriorityWorker.class)
			.web(WebApplicationType.NONE)
			.properties("taskq.default-queue=" + PRIORITY_QUEUE, "taskq.queues[" + PRIORITY_QUEUE + "].max-priority=10",
					"taskq.worker.concurrency=1", "taskq.worker.prefetch=1",
					"taskq.worker.dead-letter-queue=" + DEAD_LETTER_QUEUE, "taskq.node-name=priority-" + NODE_NAME)
			.run()) {
			List<String> labels = List.of("low", "low", "low", "low", "low", "high", "high", "high", "high", "high");
			List<Map<String, Object>> batch = labels.stream()
				.map((label) -> Map.<String, Object>of("task", "interop.prioritised", "args", List.of(label), "options",
						Map.of("priority", label.equals("high") ? 9 : 1)))
				.toList();
			JsonNode ids;
			try {
				python(Map.of("op", "send", "queue", PRIORITY_QUEUE, "conf", conf, "tasks",
						List.of(Map.of("task", "interop.block"))));
				await("the only worker thread runs interop.block").atMost(Duration.ofSeconds(10))
					.until(() -> PriorityHandlers.blocking.getCount() == 0);
				ids = python(Map.of("op", "send", "queue", PRIORITY_QUEUE, "conf", conf, "tasks", batch)).get("ids");
				await("ten tasks queued behind it").atMost(Duration.ofSeconds(10))
					.until(() -> this.amqpAdmin.getQueueInfo(PRIORITY_QUEUE).getMessageCount() == labels.size());
			}
			finally {
				PriorityHandlers.release.countDown();
			}
			for (int i = 0; i < labels.size(); i++) {
				assertThat(this.tasks.handle(ids.get(i).asString()).get(Duration.ofSeconds(20))).isEqualTo(labels.get(i));
			}
		}
		System.out.println("Python priorities 1 (low) then 9 (high), run on one Java worker thread in the order "
				+ PriorityHandlers.order);
		assertThat(PriorityHandlers.order).containsExactly("high", "high", "high", "high", "high", "low", "low", "low",
				"low", "low");
	}

	@Test
	void pythonTimeLimitAbandonsTheJavaTaskAndPythonGetsTimeLimitExceeded() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.sleep", "args", List.of(5000), "queue",
				JAVA_QUEUE, "options", Map.of("time_limit", 1)));
		assertThat(outcome.path("error").path("type").asString()).isEqualTo("TimeLimitExceeded");
		assertThat(outcome.path("error").path("module").asString()).isEqualTo("billiard.exceptions");
		assertThat(outcome.path("state").asString()).isEqualTo("FAILURE");
	}

	@Test
	void pythonRetriesHeaderReachesTheJavaTask() {
		JsonNode outcome = python(Map.of("op", "call", "task", "interop.retries", "queue", JAVA_QUEUE, "options",
				Map.of("retries", 2)));
		assertThat(outcome.get("ok").asInt()).isEqualTo(2);
	}

	@Test
	void javaCallsPythonTask() {
		TaskHandle handle = this.tasks.send(TaskRequest.builder("py.multiply").args(6, 7).queue(PYTHON_QUEUE).build());
		assertThat(handle.get(Duration.ofSeconds(20), Integer.class)).isEqualTo(42);
		assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
	}

	@Test
	void javaGetsPythonFailure() {
		TaskHandle handle = this.tasks
			.send(TaskRequest.builder("py.fail").args("bad input").queue(PYTHON_QUEUE).build());
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(20)))
			.satisfies((ex) -> {
				assertThat(ex.getState()).isEqualTo(TaskState.FAILURE);
				assertThat(ex.getRemoteType()).isEqualTo("ValueError");
				assertThat(ex.getRemoteModule()).isEqualTo("builtins");
				assertThat(ex.getRemoteMessage()).isEqualTo("bad input");
				assertThat(ex.getRemoteTraceback()).startsWith("Traceback (most recent call last):")
					.contains("raise ValueError(message)")
					.endsWith("ValueError: bad input\n");
			});
	}

	@Test
	void pythonWorkerReadsTaskqHeadersAsCeleryDoes() {
		TaskHandle handle = this.tasks.send(TaskRequest.builder("py.echo_request")
			.args(6, "it's", null)
			.kwarg("flag", true)
			.queue(PYTHON_QUEUE)
			.build());
		JsonNode request = JSON.valueToTree(handle.get(Duration.ofSeconds(20)));
		assertThat(request.get("args")).isEqualTo(JSON.readTree("[6, \"it's\", null]"));
		assertThat(request.get("kwargs")).isEqualTo(JSON.readTree("{\"flag\": true}"));
		assertThat(request.get("id").asString()).isEqualTo(handle.id());
		assertThat(request.get("root_id").asString()).isEqualTo(handle.id());
		assertThat(request.get("parent_id").isNull()).as(request.toString()).isTrue();
		assertThat(request.get("group").isNull()).isTrue();
		assertThat(request.get("shadow").isNull()).isTrue();
		assertThat(request.get("eta").isNull()).isTrue();
		assertThat(request.get("expires").isNull()).isTrue();
		assertThat(request.get("retries").intValue()).isZero();
		assertThat(request.get("timelimit")).isEqualTo(JSON.readTree("[null, null]"));
		assertThat(request.get("origin").asString()).isEqualTo(NODE_NAME);
		assertThat(request.get("argsrepr").asString()).isEqualTo("[6, \"it's\", None]");
		assertThat(request.get("kwargsrepr").asString()).isEqualTo("{'flag': True}");
		assertThat(request.get("delivery_info")).isEqualTo(JSON.readTree(
				"{\"exchange\": \"\", \"routing_key\": \"" + PYTHON_QUEUE + "\", \"priority\": 0}"));
	}

	@Test
	void pythonReadsResultWrittenByTaskq() {
		TaskHandle handle = this.tasks.send("interop.add", 20, 22);
		assertThat(handle.get(Duration.ofSeconds(10))).isEqualTo(42);
		TaskResult stored = handle.result();
		JsonNode read = python(Map.of("op", "read", "id", handle.id()));
		assertThat(read.get("state").asString()).as(read.toString()).isEqualTo("SUCCESS");
		assertThat(read.get("result").intValue()).isEqualTo(42);
		assertThat(read.get("traceback").isNull()).isTrue();
		assertThat(OffsetDateTime.parse(read.get("date_done").asString()).toInstant())
			.isEqualTo(stored.dateDone().toInstant());
	}

	@Test
	void taskqReadsResultsWrittenByPython() {
		String successId = "py-stored-" + UUID.randomUUID();
		python(Map.of("op", "store", "id", successId, "result", Map.of("x", List.of(1, 2))));
		TaskHandle success = this.tasks.handle(successId);
		assertThat(success.get(Duration.ofSeconds(5))).isEqualTo(Map.of("x", List.of(1, 2)));
		assertThat(success.result().dateDone()).isNotNull();
		String failureId = "py-stored-" + UUID.randomUUID();
		python(Map.of("op", "store_failure", "id", failureId, "message", "missing"));
		TaskHandle failure = this.tasks.handle(failureId);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> failure.get(Duration.ofSeconds(5)))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("KeyError");
				assertThat(ex.getRemoteModule()).isEqualTo("builtins");
				assertThat(ex.getRemoteMessage()).isEqualTo("missing");
				assertThat(ex.getRemoteTraceback()).contains("KeyError: 'missing'");
			});
		success.forget();
		failure.forget();
	}

	private static void assertRanAtEta(JsonNode outcome, String description) {
		assertThat(outcome.path("ok").isNumber()).as(outcome.toString()).isTrue();
		long lateness = outcome.get("ok").asLong() - outcome.get("eta_ms").asLong();
		System.out.println("Python " + description + ": the Java task ran " + lateness + " ms after it");
		assertThat(lateness).isBetween(0L, 1000L);
	}

	private void assertRevokedAsExpired(JsonNode outcome) {
		assertThat(outcome.path("state").asString()).as(outcome.toString()).isEqualTo("REVOKED");
		JsonNode error = outcome.path("error");
		assertThat(error.path("type").asString()).isEqualTo("TaskRevokedError");
		assertThat(error.path("module").asString()).isEqualTo("celery.exceptions");
		assertThat(error.path("args")).isEqualTo(JSON.readTree("[\"expired\"]"));
		TaskHandle handle = this.tasks.handle(outcome.get("id").asString());
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.getState()).isEqualTo(TaskState.REVOKED);
				assertThat(ex.getRemoteType()).isEqualTo("TaskRevokedError");
				assertThat(ex.getRemoteMessage()).isEqualTo("expired");
			});
		// The rest of what Celery 5.2.6's worker writes for an expired task.
		TaskResult stored = handle.result();
		assertThat(stored).isNotNull();
		assertThat(stored.traceback()).isNull();
		assertThat(stored.children()).isEqualTo(JSON.readTree("[]"));
		assertThat(stored.dateDone()).isNotNull();
	}

	/**
	 * Run the Python Celery client with one command and return the JSON it prints.
	 */
	static JsonNode python(Map<String, Object> command) {
		try {
			Process client = new ProcessBuilder(PYTHON, new File(helpers(), "interop_client.py").getAbsolutePath(),
					JSON.writeValueAsString(command))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			byte[] output = client.getInputStream().readAllBytes();
			if (!client.waitFor(60, TimeUnit.SECONDS)) {
				client.destroyForcibly();
				throw new IllegalStateException("Python client did not finish: " + command);
			}
			String text = new String(output, StandardCharsets.UTF_8).trim();
			assertThat(client.exitValue()).as("Python client exit for %s, output: %s", command, text).isZero();
			List<String> lines = new ArrayList<>(List.of(text.split("\n")));
			return JSON.readTree(lines.get(lines.size() - 1));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static File helpers() {
		try {
			return new ClassPathResource("celery/interop_worker.py").getFile().getParentFile();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Python helpers are not on the test class path", ex);
		}
	}

	static class Handlers {

		@TaskHandler("interop.add")
		int add(int a, int b) {
			return a + b;
		}

		@TaskHandler("interop.successor")
		BigInteger successor(BigInteger value) {
			return value.add(BigInteger.ONE);
		}

		@TaskHandler("interop.identity")
		Number identity(Number value) {
			return value;
		}

		@TaskHandler("interop.greet")
		String greet(String name, String punctuation, int times) {
			return ("Hello " + name + punctuation).repeat(times);
		}

		@TaskHandler("interop.fail")
		void fail(String message) {
			throw new IllegalStateException(message);
		}

		@TaskHandler("interop.now")
		long now() {
			return System.currentTimeMillis();
		}

		@TaskHandler("interop.sleep")
		long sleep(long millis) throws InterruptedException {
			// The task's own work, which the caller's time limit cuts short.
			Thread.sleep(millis);
			return millis;
		}

		@TaskHandler("interop.retries")
		int retries(TaskContext context) {
			return context.getRetries();
		}

		@TaskHandler("interop.record")
		String record(String marker) {
			recorded.add(marker);
			return marker;
		}

	}

	static class PriorityHandlers {

		static final CountDownLatch blocking = new CountDownLatch(1);

		static final CountDownLatch release = new CountDownLatch(1);

		static final List<String> order = Collections.synchronizedList(new ArrayList<>());

		@TaskHandler("interop.block")
		void block() throws InterruptedException {
			blocking.countDown();
			release.await(30, TimeUnit.SECONDS);
		}

		@TaskHandler("interop.prioritised")
		String prioritised(String label) {
			order.add(label);
			return label;
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

	/**
	 * A second worker application, for the priority queue alone.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PriorityWorker {

		@Bean
		PriorityHandlers priorityHandlers() {
			return new PriorityHandlers();
		}

	}

}
