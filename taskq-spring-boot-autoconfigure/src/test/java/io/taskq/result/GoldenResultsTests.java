package io.taskq.result;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.taskq.protocol.CeleryGolden;
import io.taskq.store.redis.RedisResultStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every task result a Celery 5.2.6 worker wrote to Redis ({@code celery-golden/results-celery-5.2.6.json})
 * reads back as Celery meant it, and taskq writes results in Celery's field order.
 */
class GoldenResultsTests {

	private static final JsonNode GOLDEN = CeleryGolden.read("results-celery-5.2.6.json");

	private final CeleryResultFormat format = new CeleryResultFormat(CeleryGolden.JSON);

	static Stream<Arguments> taskResults() {
		List<Arguments> results = new ArrayList<>();
		GOLDEN.properties().forEach((entry) -> {
			if (entry.getKey().startsWith(RedisResultStore.TASK_KEY_PREFIX)) {
				results.add(Arguments.of(entry.getKey().substring(RedisResultStore.TASK_KEY_PREFIX.length()),
						entry.getValue().get("value")));
			}
		});
		return results.stream();
	}

	@Test
	void goldenFileHasEveryResult() {
		assertThat(taskResults()).hasSize(11);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("taskResults")
	void readsEveryField(String taskId, JsonNode value) {
		TaskResult result = this.format.read(taskId, CeleryGolden.JSON.writeValueAsString(value));
		assertThat(result.taskId()).isEqualTo(taskId);
		assertThat(result.state().name()).isEqualTo(value.get("status").stringValue());
		assertThat(result.isReady()).isTrue();
		assertThat(result.traceback()).isEqualTo(value.get("traceback").isNull() ? null
				: value.get("traceback").stringValue());
		assertThat(result.children()).isEqualTo(value.get("children"));
		String dateDone = value.get("date_done").stringValue();
		assertThat(result.dateDone()).isEqualTo(java.time.LocalDateTime.parse(dateDone).atOffset(ZoneOffset.UTC));
		assertThat(result.groupId()).isEqualTo(value.has("group_id") ? value.get("group_id").stringValue() : null);
		assertThat(result.parentId()).isEqualTo(value.has("parent_id") ? value.get("parent_id").stringValue() : null);
		assertThat(result.extended()).isNull();
		if (result.state().equals(TaskState.SUCCESS)) {
			assertThat(result.result()).isEqualTo(value.get("result"));
		}
	}

	@Test
	void readsPythonFailure() {
		TaskResult failure = this.format.read("66c85e2b-b03b-4960-83da-78aa39202c6d",
				CeleryGolden.JSON.writeValueAsString(
						GOLDEN.get("celery-task-meta-66c85e2b-b03b-4960-83da-78aa39202c6d").get("value")));
		assertThat(failure.state()).isEqualTo(TaskState.FAILURE);
		assertThat(failure.state().isException()).isTrue();
		assertThat(failure.result().get("exc_type").stringValue()).isEqualTo("ValueError");
		assertThat(failure.result().get("exc_module").stringValue()).isEqualTo("builtins");
		assertThat(failure.result().get("exc_message").get(0).stringValue()).isEqualTo("bad input");
		assertThat(failure.traceback()).startsWith("Traceback (most recent call last):")
			.endsWith("ValueError: bad input\n");
		assertThat(failure.dateDone()).isEqualTo(OffsetDateTime.parse("2026-11-24T13:24:10.470716Z"));
	}

	@Test
	void readsChainParentWithChildTuple() {
		TaskResult parent = this.format.read("7c3a0696-99d4-417c-bef0-d34311a0764c", CeleryGolden.JSON
			.writeValueAsString(GOLDEN.get("celery-task-meta-7c3a0696-99d4-417c-bef0-d34311a0764c").get("value")));
		assertThat(parent.children().get(0).get(0).get(0).stringValue())
			.isEqualTo("0876028a-184c-41d6-b62b-b35c177232c5");
		assertThat(parent.result().intValue()).isEqualTo(4);
	}

	@Test
	void writesCeleryFieldOrder() {
		TaskResult success = new TaskResult("id-1", TaskState.SUCCESS, JsonNodeFactory.instance.numberNode(5), null,
				JsonNodeFactory.instance.arrayNode(), OffsetDateTime.parse("2026-11-24T13:15:58.996698Z"), "g-1", "p-1",
				null);
		String json = this.format.write(success);
		assertThat(json).isEqualTo("{\"status\":\"SUCCESS\",\"result\":5,\"traceback\":null,\"children\":[],"
				+ "\"date_done\":\"2026-11-24T13:15:58.996698+00:00\",\"group_id\":\"g-1\",\"parent_id\":\"p-1\","
				+ "\"task_id\":\"id-1\"}");
		TaskResult extended = new TaskResult("id-2", TaskState.FAILURE, TaskErrors.of("ValueError", "builtins", "x"),
				"tb", JsonNodeFactory.instance.arrayNode(), OffsetDateTime.parse("2026-11-24T13:15:58Z"), null, null,
				new TaskResult.Extended("proj.div", CeleryGolden.JSON.readTree("[1, 0]"),
						JsonNodeFactory.instance.objectNode(), "w1@host", 0, "celery"));
		assertThat(CeleryGolden.JSON.readTree(this.format.write(extended)).propertyNames()).containsExactly("status",
				"result", "traceback", "children", "date_done", "name", "args", "kwargs", "worker", "retries",
				"queue", "task_id");
		assertThat(this.format.write(extended)).contains(
				"\"result\":{\"exc_type\":\"ValueError\",\"exc_message\":[\"x\"],\"exc_module\":\"builtins\"}")
			.contains("\"date_done\":\"2026-11-24T13:15:58+00:00\"");
	}

	@Test
	void goldenSuccessWrittenByTaskqReadsBackTheSame() {
		taskResults().forEach((arguments) -> {
			String taskId = (String) arguments.get()[0];
			JsonNode value = (JsonNode) arguments.get()[1];
			TaskResult read = this.format.read(taskId, CeleryGolden.JSON.writeValueAsString(value));
			JsonNode written = CeleryGolden.JSON.readTree(this.format.write(read));
			assertThat(written.propertyNames()).containsExactlyElementsOf(value.propertyNames());
			assertThat(this.format.read(taskId, this.format.write(read))).isEqualTo(read);
		});
	}

	@Test
	void notRegisteredIsStoredAsCeleryStoresIt() {
		assertThat(TaskErrors.notRegistered("py.nope")).isEqualTo(CeleryGolden.JSON
			.readTree("{\"exc_type\": \"NotRegistered\", \"exc_message\": [\"py.nope\"], "
					+ "\"exc_module\": \"celery.exceptions\"}"));
	}

}
