package io.taskq.sample.api;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.web.client.RestClient;

/**
 * The sample's REST API as a test calls it over HTTP: JSON in and out, every status handed back to the test
 * rather than thrown. Register it as a {@code @RegisterExtension} field of a {@code @SampleIntegrationTest}: before
 * each test it calls the application of the test's context, on the port its server listens on.
 */
final class SampleApi implements BeforeEachCallback {

	private final JsonMapper json = JsonMapper.builder().build();

	private RestClient client;

	@Override
	public void beforeEach(ExtensionContext context) {
		int port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	/**
	 * Get a resource.
	 * @param path the path
	 * @return the response, its body {@code null} if it has none
	 */
	ResponseEntity<JsonNode> get(String path) {
		return parse(this.client.get().uri(path).retrieve().toEntity(String.class));
	}

	/**
	 * Post a JSON body.
	 * @param path the path
	 * @param body the body, JSON
	 * @return the response, its body {@code null} if it has none
	 */
	ResponseEntity<JsonNode> post(String path, String body) {
		return send(HttpMethod.POST, path, body);
	}

	/**
	 * Put a JSON body.
	 * @param path the path
	 * @param body the body, JSON
	 * @return the response, its body {@code null} if it has none
	 */
	ResponseEntity<JsonNode> put(String path, String body) {
		return send(HttpMethod.PUT, path, body);
	}

	/**
	 * Delete a resource.
	 * @param path the path
	 * @return the response, its body {@code null} if it has none
	 */
	ResponseEntity<JsonNode> delete(String path) {
		return parse(this.client.delete().uri(path).retrieve().toEntity(String.class));
	}

	/**
	 * The state of a task, as {@code GET /api/tasks/{id}} reads it.
	 * @param taskId the task id
	 * @return the state's name
	 */
	String state(String taskId) {
		return get("/api/tasks/" + taskId).getBody().get("state").asString();
	}

	private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
		return parse(this.client.method(method)
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(String.class));
	}

	private ResponseEntity<JsonNode> parse(ResponseEntity<String> response) {
		JsonNode body = (response.getBody() != null) ? this.json.readTree(response.getBody()) : null;
		return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(body);
	}

}
