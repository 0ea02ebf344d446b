package io.taskq.sample.api;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task that failed for good is listed by the API and, once its cause is fixed, re-driven to success.
 */
@SampleIntegrationTest
class FailedTaskApiIntegrationTests {

	@LocalServerPort
	int port;

	RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void aReportGeneratedBeforeItsDataExistsFailsForGoodThenIsRedriven() {
		String id = post("/api/tasks/reports.generate_pdf", "{\"args\": [\"quarterly\"]}").getBody()
			.get("id")
			.asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("FAILURE"));
		JsonNode listed = await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/api/failed-tasks").getBody(), (list) -> contains(list, id));
		JsonNode letter = find(listed, id);
		assertThat(letter.get("task").asString()).isEqualTo("reports.generate_pdf");
		assertThat(letter.get("errorType").asString()).endsWith("ReportNotFoundException");

		post("/api/reports/quarterly", "{\"title\": \"Quarterly\", \"rows\": [\"q1 10\"]}");
		ResponseEntity<JsonNode> redriven = post("/api/failed-tasks/" + id + "/redrive", "");
		assertThat(redriven.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals("SUCCESS"));
		assertThat(contains(get("/api/failed-tasks").getBody(), id)).isFalse();
		assertThat(post("/api/failed-tasks/" + id + "/redrive", "").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private String state(String id) {
		return get("/api/tasks/" + id).getBody().get("state").asString();
	}

	private static boolean contains(JsonNode list, String id) {
		return find(list, id) != null;
	}

	private static JsonNode find(JsonNode list, String id) {
		for (JsonNode letter : list) {
			if (letter.get("taskId").asString().equals(id)) {
				return letter;
			}
		}
		return null;
	}

	private ResponseEntity<JsonNode> get(String path) {
		return this.client.get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String path, String body) {
		return this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
			.toEntity(JsonNode.class);
	}

}
