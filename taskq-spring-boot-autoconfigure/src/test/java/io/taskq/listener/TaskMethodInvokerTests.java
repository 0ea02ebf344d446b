package io.taskq.listener;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.ReflectionUtils;

import io.taskq.protocol.TaskMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskMethodInvokerTests {

	private final JsonMapper json = TaskArgumentRules.applyTo(JsonMapper.builder()).build();

	private final Handlers handlers = new Handlers();

	@Test
	void bindsPositionalThenKeywordArguments() throws Exception {
		assertThat(invoke("add", "[1]", "{\"b\": 2}").intValue()).isEqualTo(3);
		assertThat(invoke("add", "[]", "{\"a\": 5, \"b\": 2}").intValue()).isEqualTo(7);
	}

	@Test
	void convertsToGenericRecordAndOptionalTypes() throws Exception {
		JsonNode result = invoke("complex", "[[{\"name\": \"a\", \"size\": 2}], {\"x\": [1, 2]}]", "{}");
		assertThat(result.toString()).isEqualTo("\"a:2|[1, 2]|none\"");
		assertThat(invoke("complex", "[[], {}]", "{\"note\": \"hi\"}").stringValue()).isEqualTo("|null|hi");
	}

	@Test
	void passesTheContextWithoutConsumingAnArgument() throws Exception {
		assertThat(invoke("withContext", "[4]", "{}").stringValue()).isEqualTo("id-1:4");
	}

	@Test
	void voidHandlersReturnNull() throws Exception {
		assertThat(invoke("nothing", "[]", "{}")).isNull();
	}

	@Test
	void rejectsSurplusPositionalArguments() {
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> invoke("add", "[1, 2, 3]", "{}"))
			.withMessage("Task 'test' takes 2 argument(s) but 3 positional were given");
	}

	@Test
	void rejectsMissingArguments() {
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> invoke("add", "[1]", "{}"))
			.withMessage("Task 'test' is missing required argument 'b'");
	}

	@Test
	void rejectsUnknownKeywords() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("add", "[1, 2]", "{\"c\": 3}"))
			.withMessage("Task 'test' got unexpected keyword argument(s) [c]");
	}

	@Test
	void rejectsAnArgumentGivenTwice() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("add", "[1, 2]", "{\"a\": 3}"))
			.withMessage("Task 'test' got multiple values for argument 'a'");
	}

	@Test
	void rejectsValuesOfTheWrongType() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("add", "[\"x\", 2]", "{}"))
			.withMessageStartingWith("Task 'test' argument 'a': cannot convert \"x\" to int");
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> invoke("add", "[null, 2]", "{}"))
			.withMessage("Task 'test' argument 'a' of type int cannot be null");
	}

	@Test
	void handlerExceptionsPropagateUnwrapped() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> invoke("fail", "[]", "{}"))
			.withMessage("nope");
	}

	private JsonNode invoke(String methodName, String args, String kwargs) throws Exception {
		Method method = ReflectionUtils.findMethod(Handlers.class, methodName, (Class<?>[]) null);
		TaskMessage message = TaskMessage.builder("test", "id-1")
			.args((ArrayNode) this.json.readTree(args))
			.kwargs((ObjectNode) this.json.readTree(kwargs))
			.build();
		TaskContext context = new TaskContext("id-1", "test", 0, "id-1", null, null, "q", Map.of());
		return new TaskMethodInvoker(this.handlers, method, this.json).invoke(message, context);
	}

	record Item(String name, int size) {
	}

	static class Handlers {

		int add(int a, int b) {
			return a + b;
		}

		String complex(List<Item> items, Map<String, List<Integer>> extra, Optional<String> note) {
			StringBuilder text = new StringBuilder();
			items.forEach((item) -> text.append(item.name()).append(':').append(item.size()));
			return text + "|" + extra.get("x") + "|" + note.orElse("none");
		}

		String withContext(TaskContext context, long value) {
			return context.getTaskId() + ":" + value;
		}

		void nothing() {
		}

		void fail() {
			throw new IllegalArgumentException("nope");
		}

	}

}
