package io.taskq.sample.api;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Search over HTTP: a report saved through the API is indexed by the task the save sends, and found by all the
 * words of a query, best first.
 */
@SampleIntegrationTest
class SearchApiIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	final SampleApi api = new SampleApi();

	@Test
	void aSavedReportIsFoundByAllItsWordsCaseInsensitively() {
		save("weather", "{\"title\": \"Weather Report\", \"rows\": [\"Rain in Bergen: 12mm\", \"sun in Rome\"]}");

		assertThat(ids(search("rain BERGEN"))).containsExactly("weather");
		assertThat(ids(search("bergen,rome"))).containsExactly("weather");
		assertThat(ids(search("12mm"))).containsExactly("weather");
		assertThat(ids(search("rain oslo"))).isEmpty();
		JsonNode hit = search("weather").get(0);
		assertThat(hit.get("title").asString()).isEqualTo("Weather Report");
		assertThat(hit.get("score").asLong()).isEqualTo(3);
	}

	@Test
	void reportsWithTheWordsInTheTitleOrMoreOftenComeFirst() {
		save("rank-row", "{\"title\": \"Misc\", \"rows\": [\"harbour\"]}");
		save("rank-title", "{\"title\": \"Harbour\", \"rows\": []}");
		save("rank-rows", "{\"title\": \"Other\", \"rows\": [\"harbour\", \"harbour fees\"]}");
		save("rank-tie", "{\"title\": \"Tie\", \"rows\": [\"harbour\"]}");

		assertThat(ids(search("harbour"))).containsExactly("rank-title", "rank-rows", "rank-row", "rank-tie");
		assertThat(ids(this.api.get("/api/reports/search?q=harbour&limit=2").getBody())).containsExactly("rank-title",
				"rank-rows");
	}

	@Test
	void anUpdatedReportIsFoundByItsNewWordsOnly() {
		save("moving", "{\"title\": \"Office\", \"rows\": [\"lisbon\"]}");
		save("moving", "{\"title\": \"Office\", \"rows\": [\"porto\"]}");
		assertThat(ids(search("porto"))).containsExactly("moving");
		assertThat(ids(search("lisbon"))).isEmpty();
	}

	@Test
	void badQueriesAreRejectedWithAClearMessage() {
		assertBadRequest(this.api.get("/api/reports/search?q=--"),
				"The query has no words to search for (letters or digits)");
		assertBadRequest(this.api.get("/api/reports/search?q=x&limit=0"), "'limit' must be between 1 and 1000");
		ResponseEntity<JsonNode> missing = this.api.get("/api/reports/search");
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getBody().get("detail").asString()).contains("'q'");
	}

	private void save(String id, String body) {
		ResponseEntity<JsonNode> saved = this.api.post("/api/reports/" + id, body);
		assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
		String indexTask = saved.getBody().get("indexTask").asString();
		await().atMost(TIMEOUT).until(() -> this.api.state(indexTask).equals("SUCCESS"));
	}

	private JsonNode search(String query) {
		ResponseEntity<JsonNode> response = this.api.get("/api/reports/search?q=" + query);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private static List<String> ids(JsonNode hits) {
		return hits.valueStream().map((hit) -> hit.get("id").asString()).toList();
	}

	private static void assertBadRequest(ResponseEntity<JsonNode> response, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().get("detail").asString()).isEqualTo(detail);
	}

}
