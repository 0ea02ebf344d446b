package io.taskq.sample.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.core.TaskRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EnqueueRequest}.
 */
class EnqueueRequestTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void noBodyIsACallWithoutArguments() {
		TaskRequest request = EnqueueRequest.from(null).toTaskRequest("tasks.ping");
		assertThat(request.task()).isEqualTo("tasks.ping");
		assertThat(request.args()).isEmpty();
		assertThat(request.kwargs()).isEmpty();
		assertThat(request.queue()).isNull();
	}

	@Test
	void readsArgsKwargsAndQueue() {
		TaskRequest request = EnqueueRequest
			.from(this.json.readTree("{\"args\": [1, \"a\", {\"x\": [true]}], \"kwargs\": {\"k\": null}, \"queue\": \"q\"}"))
			.toTaskRequest("t");
		assertThat(this.json.valueToTree(request.args()).toString()).isEqualTo("[1,\"a\",{\"x\":[true]}]");
		assertThat(this.json.valueToTree(request.kwargs()).toString()).isEqualTo("{\"k\":null}");
		assertThat(request.queue()).isEqualTo("q");
	}

	@Test
	void nullFieldsAreAbsentFields() {
		TaskRequest request = EnqueueRequest.from(this.json.readTree("{\"args\": null, \"kwargs\": null, \"queue\": null}"))
			.toTaskRequest("t");
		assertThat(request.args()).isEmpty();
		assertThat(request.queue()).isNull();
	}

	@Test
	void rejectsBlankQueue() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> EnqueueRequest.from(this.json.readTree("{\"queue\": \" \"}")))
			.withMessage("'queue' must be a non-empty string");
	}

	@Test
	void rejectsScalarBody() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> EnqueueRequest.from(this.json.readTree("\"text\"")))
			.withMessageStartingWith("Request body must be a JSON object");
	}

}
