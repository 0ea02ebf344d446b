package io.taskq.sample.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST API over HTTP: enqueue by name, read state, result and error, and reject bad input with a clear
 * message.
 */
@SampleIntegrationTest
class TaskApiIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Autowired
	AmqpAdmin amqpAdmin;

	@RegisterExtension
	final SampleApi api = new SampleApi();

	@Test
	void enqueueWithArgsAndReadTheResult() {
		ResponseEntity<JsonNode> accepted = this.api.post("/api/tasks/tasks.add", "{\"args\": [2, 3]}");
		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = accepted.getBody().get("id").asString();
		assertThat(accepted.getHeaders().getLocation()).hasPath("/api/tasks/" + id);
		JsonNode status = awaitReady(id);
		assertThat(status.get("state").asString()).isEqualTo("SUCCESS");
		assertThat(status.get("result").asLong()).isEqualTo(5);
		assertThat(status.has("error")).isFalse();
	}

	@Test
	void enqueueWithKwargs() {
		String id = this.api.post("/api/tasks/tasks.add", "{\"kwargs\": {\"a\": 40, \"b\": 2}}")
			.getBody()
			.get("id")
			.asString();
		assertThat(awaitReady(id).get("result").asLong()).isEqualTo(42);
	}

	@Test
	void failedTaskShowsItsError() {
		String id = this.api.post("/api/tasks/reports.generate_pdf", "{\"args\": [\"42\"]}")
			.getBody()
			.get("id")
			.asString();
		JsonNode status = awaitReady(id);
		assertThat(status.get("state").asString()).isEqualTo("FAILURE");
		assertThat(status.has("result")).isFalse();
		JsonNode error = status.get("error");
		assertThat(error.get("type").asString()).isEqualTo("ReportNotFoundException");
		assertThat(error.get("module").asString()).isEqualTo("io.taskq.sample.reports");
		assertThat(error.get("message").asString()).isEqualTo("report 42 does not exist");
		assertThat(error.get("traceback").asString()).contains("ReportNotFoundException: report 42 does not exist");
	}

	@Test
	void taskOnlyAPythonWorkerKnowsIsQueuedToTheRequestedQueue() {
		String queue = "sample-test-python-" + UUID.randomUUID().toString().substring(0, 8);
		try {
			ResponseEntity<JsonNode> accepted = this.api.post("/api/tasks/proj.tasks.resize",
					"{\"args\": [\"cat.png\"], \"kwargs\": {\"width\": 64}, \"queue\": \"" + queue + "\"}");
			assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			String id = accepted.getBody().get("id").asString();
			Message message = this.rabbitTemplate.receive(queue, TIMEOUT.toMillis());
			assertThat(message).isNotNull();
			assertThat(message.getMessageProperties().getHeaders()).containsEntry("task", "proj.tasks.resize")
				.containsEntry("id", id);
			JsonNode body = this.json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
			assertThat(body.get(0).get(0).asString()).isEqualTo("cat.png");
			assertThat(body.get(1).get("width").asInt()).isEqualTo(64);
			// Sent, and not run by anyone: the producer's SENT state, written off the sending thread.
			await().atMost(TIMEOUT).until(() -> this.api.state(id).equals("SENT"));
		}
		finally {
			this.amqpAdmin.deleteQueue(queue);
			this.amqpAdmin.deleteExchange(queue);
		}
	}

	@Test
	void unknownTaskIdIsPending() {
		ResponseEntity<JsonNode> status = this.api.get("/api/tasks/" + UUID.randomUUID());
		assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(status.getBody().get("state").asString()).isEqualTo("PENDING");
		assertThat(status.getBody().has("result")).isFalse();
	}

	@Test
	void badRequestsAreRejectedWithAClearMessage() {
		assertBadRequest(this.api.post("/api/tasks/tasks.add", "{\"args\": 3}"),
				"'args' must be a JSON array, was NUMBER");
		assertBadRequest(this.api.post("/api/tasks/tasks.add", "{\"kwargs\": [1]}"),
				"'kwargs' must be a JSON object, was ARRAY");
		assertBadRequest(this.api.post("/api/tasks/tasks.add", "{\"queue\": 5}"),
				"'queue' must be a non-empty string");
		assertBadRequest(this.api.post("/api/tasks/tasks.add", "{\"arg\": [1]}"),
				"Unknown field 'arg'; expected 'args', 'kwargs' or 'queue'");
		assertBadRequest(this.api.post("/api/tasks/tasks.add", "[1, 2]"),
				"Request body must be a JSON object with optional fields 'args' (array), 'kwargs' (object) and 'queue' (string)");
		assertThat(this.api.post("/api/tasks/tasks.add", "{\"args\": [1,").getBody().get("detail").asString())
			.startsWith("Request body is not valid JSON of the expected shape: ");
		assertBadRequest(this.api.post("/api/tasks/-add", "{}"),
				"Invalid task name '-add': use letters, digits and '_', '.', ':' or '-', starting with a letter or '_'");
	}

	@Test
	void reportDataIsCreatedUpdatedAndRead() {
		assertThat(this.api.post("/api/reports/q3", "{\"title\": \"Q3\", \"rows\": [\"a\"]}")
			.getBody()
			.get("revision")
			.asLong()).isEqualTo(1);
		assertThat(this.api.post("/api/reports/q3", "{\"title\": \"Q3 final\", \"rows\": [\"a\", \"b\"]}").getBody()
			.get("revision")
			.asLong()).isEqualTo(2);
		JsonNode report = this.api.get("/api/reports/q3").getBody();
		assertThat(report.get("title").asString()).isEqualTo("Q3 final");
		assertThat(report.get("rows")).hasSize(2);
		assertThat(report.get("revision").asLong()).isEqualTo(2);
		ResponseEntity<JsonNode> missing = this.api.get("/api/reports/nope");
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.getBody().get("detail").asString()).isEqualTo("report nope does not exist");
		assertBadRequest(this.api.post("/api/reports/q3", "{\"rows\": []}"), "'title' is required");
		assertBadRequest(this.api.post("/api/reports/q3", "{\"title\": \"x\", \"rows\": [\"a\", null]}"),
				"'rows' must not contain null");
		assertBadRequest(this.api.post("/api/reports/q.3", "{\"title\": \"x\"}"),
				"Invalid report id 'q.3': use 1 to 64 letters, digits, '_' or '-'");
	}

	private JsonNode awaitReady(String id) {
		return await().atMost(TIMEOUT).until(() -> this.api.get("/api/tasks/" + id).getBody(), (status) -> {
			String state = status.get("state").asString();
			return state.equals("SUCCESS") || state.equals("FAILURE");
		});
	}

	private void assertBadRequest(ResponseEntity<JsonNode> response, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("detail").asString()).isEqualTo(detail);
	}

}
