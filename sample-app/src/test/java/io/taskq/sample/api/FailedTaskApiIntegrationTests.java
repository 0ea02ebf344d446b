package io.taskq.sample.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task that failed for good is listed by the API and, once its cause is fixed, re-driven to success.
 */
@SampleIntegrationTest
class FailedTaskApiIntegrationTests {

	@RegisterExtension
	final SampleApi api = new SampleApi();

	@Test
	void aReportGeneratedBeforeItsDataExistsFailsForGoodThenIsRedriven() {
		String id = this.api.post("/api/tasks/reports.generate_pdf", "{\"args\": [\"quarterly\"]}").getBody()
			.get("id")
			.asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.api.state(id).equals("FAILURE"));
		JsonNode listed = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/api/failed-tasks").getBody(), (list) -> contains(list, id));
		JsonNode letter = find(listed, id);
		assertThat(letter.get("task").asString()).isEqualTo("reports.generate_pdf");
		assertThat(letter.get("errorType").asString()).endsWith("ReportNotFoundException");

		this.api.post("/api/reports/quarterly", "{\"title\": \"Quarterly\", \"rows\": [\"q1 10\"]}");
		ResponseEntity<JsonNode> redriven = this.api.post("/api/failed-tasks/" + id + "/redrive", "");
		assertThat(redriven.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.api.state(id).equals("SUCCESS"));
		assertThat(contains(this.api.get("/api/failed-tasks").getBody(), id)).isFalse();
		assertThat(this.api.post("/api/failed-tasks/" + id + "/redrive", "").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
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

}
