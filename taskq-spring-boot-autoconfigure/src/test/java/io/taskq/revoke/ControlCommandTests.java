package io.taskq.revoke;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.control.ControlCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ControlCommandTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsCeleryRevokeBroadcast() {
		ControlCommand command = parse("""
				{"method": "revoke", "arguments": {"task_id": "29d72484-9713-446b-a974-b540974f76b0",
				"terminate": false, "signal": "SIGTERM"}, "destination": null, "pattern": null, "matcher": null}""");
		assertThat(command.method()).isEqualTo("revoke");
		assertThat(command.taskIds()).containsExactly("29d72484-9713-446b-a974-b540974f76b0");
		assertThat(command.terminate()).isFalse();
		assertThat(command.isFor("any@host")).isTrue();
	}

	@Test
	void readsListOfIdsTerminateAndDestination() {
		ControlCommand command = parse("""
				{"method": "revoke", "arguments": {"task_id": ["a", "b"], "terminate": true, "signal": "SIGKILL"},
				"destination": ["w1@host"]}""");
		assertThat(command.taskIds()).containsExactly("a", "b");
		assertThat(command.terminate()).isTrue();
		assertThat(command.destination()).isEqualTo(List.of("w1@host"));
		assertThat(command.isFor("w1@host")).isTrue();
		assertThat(command.isFor("w2@host")).isFalse();
	}

	@Test
	void otherMethodsParseWithoutArguments() {
		ControlCommand command = parse("{\"method\": \"ping\"}");
		assertThat(command.method()).isEqualTo("ping");
		assertThat(command.terminate()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(command::taskIds);
	}

	@Test
	void rejectsMalformedCommands() {
		for (String body : List.of("not json", "[1]", "{}", "{\"method\": 3}", "null",
				"{\"method\": \"revoke\", \"arguments\": [1]}",
				"{\"method\": \"revoke\", \"arguments\": {}, \"destination\": \"w1\"}",
				"{\"method\": \"revoke\", \"arguments\": {}, \"destination\": [1]}")) {
			assertThatIllegalArgumentException().as(body).isThrownBy(() -> parse(body));
		}
	}

	@Test
	void rejectsTaskIdsThatAreNotIds() {
		for (String taskId : List.of("42", "\"\"", "[\"a\", 1]", "null", "{}")) {
			ControlCommand command = parse("{\"method\": \"revoke\", \"arguments\": {\"task_id\": " + taskId + "}}");
			assertThatIllegalArgumentException().as(taskId).isThrownBy(command::taskIds);
		}
	}

	private static ControlCommand parse(String body) {
		return ControlCommand.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
	}

}
