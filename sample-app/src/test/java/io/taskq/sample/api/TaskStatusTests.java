package io.taskq.sample.api;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskStatus}.
 */
class TaskStatusTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void pendingHasNoResult() {
		assertThat(write(TaskStatus.of("1", null))).isEqualTo("{\"id\":\"1\",\"state\":\"PENDING\"}");
	}

	@Test
	void successHasItsResultEvenWhenNull() {
		assertThat(write(TaskStatus.of("1", stored(TaskState.SUCCESS, "[1,2]", null))))
			.isEqualTo("{\"id\":\"1\",\"state\":\"SUCCESS\",\"result\":[1,2]}");
		assertThat(write(TaskStatus.of("1", stored(TaskState.SUCCESS, null, null))))
			.isEqualTo("{\"id\":\"1\",\"state\":\"SUCCESS\",\"result\":null}");
	}

	@Test
	void failureHasTheRemoteError() {
		TaskResult failure = new TaskResult("1", TaskState.FAILURE, TaskErrors.of("ZeroDivisionError", "builtins",
				"division by zero"), "Traceback ...", null, OffsetDateTime.now(), null, null, null);
		assertThat(TaskStatus.of("1", failure)).isEqualTo(new TaskStatus("1", "FAILURE", null,
				new TaskStatus.Error("ZeroDivisionError", "builtins", "division by zero", "Traceback ...")));
	}

	@Test
	void errorWithSeveralArgumentsJoinsThem() {
		TaskResult failure = stored(TaskState.FAILURE,
				"{\"exc_type\": \"KeyError\", \"exc_message\": [\"a\", 2], \"exc_module\": \"builtins\"}", null);
		assertThat(TaskStatus.of("1", failure).error().message()).isEqualTo("a, 2");
	}

	@Test
	void startedShowsOnlyItsState() {
		assertThat(write(TaskStatus.of("1", stored(TaskState.STARTED, "{\"pid\": 1}", null))))
			.isEqualTo("{\"id\":\"1\",\"state\":\"STARTED\"}");
	}

	private TaskResult stored(TaskState state, String result, String traceback) {
		return new TaskResult("1", state, (result != null) ? this.json.readTree(result) : null, traceback, null, null,
				null, null, null);
	}

	private String write(TaskStatus status) {
		return this.json.writeValueAsString(status);
	}

}
