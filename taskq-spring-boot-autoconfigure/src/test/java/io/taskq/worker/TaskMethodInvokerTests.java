package io.taskq.worker;

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

import io.taskq.core.TaskContext;
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
			.withMessage("Task 'test' argument 'a': cannot convert \"x\" to int (string into an integer type)");
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> invoke("add", "[null, 2]", "{}"))
			.withMessage("Task 'test' argument 'a' of type int cannot be null");
	}

	@Test
	void rejectsAFloatingPointNumberIntoAnIntegerParameter() {
		assertThatExceptionOfType(TaskArgumentException.class).isThrownBy(() -> invoke("add", "[0.5, 2]", "{}"))
			.withMessage("Task 'test' argument 'a': cannot convert 0.5 to int (floating-point number into an integer type)");
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("add", "[1]", "{\"b\": 2.0}"))
			.withMessage("Task 'test' argument 'b': cannot convert 2.0 to int (floating-point number into an integer type)");
	}

	@Test
	void rejectsAnIntegerThatOverflowsItsParameter() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("add", "[2147483648, 2]", "{}"))
			.withMessage("Task 'test' argument 'a': cannot convert 2147483648 to int (integer out of range of int)");
	}

	@Test
	void rejectsAnIntegerThatADoubleCannotHoldExactly() throws Exception {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("describe", "[\"x\", true, 9007199254740993]", "{}"))
			.withMessage("Task 'test' argument 'ratio': cannot convert 9007199254740993 to double "
					+ "(integer not exactly representable as double)");
		assertThat(invoke("describe", "[\"x\", true, 3]", "{}").stringValue()).isEqualTo("x:true:3.0");
	}

	@Test
	void rejectsAStringIntoABooleanAndANumberIntoAString() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("describe", "[\"x\", \"true\", 0.5]", "{}"))
			.withMessage("Task 'test' argument 'on': cannot convert \"true\" to boolean (string into a boolean type)");
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("describe", "[3, true, 0.5]", "{}"))
			.withMessage("Task 'test' argument 'label': cannot convert 3 to java.lang.String (integer into a string type)");
	}

	@Test
	void rejectsValuesInsideAnArgumentSayingWhere() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[[{\"name\": \"a\", \"size\": 2.5}], {}]", "{}"))
			.withMessage("Task 'test' argument 'items': cannot convert [{\"name\":\"a\",\"size\":2.5}] to "
					+ "java.util.List<io.taskq.worker.TaskMethodInvokerTests$Item> "
					+ "(at [0][\"size\"]: floating-point number 2.5 into an integer type)");
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[[], {\"x\": [1, \"2\"]}]", "{}"))
			.withMessage("Task 'test' argument 'extra': cannot convert {\"x\":[1,\"2\"]} to "
					+ "java.util.Map<java.lang.String,java.util.List<java.lang.Integer>> "
					+ "(at [\"x\"][1]: string \"2\" into an integer type)");
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[[{\"name\": \"a\"}], {}]", "{}"))
			.withMessageEndingWith("(at [0][\"size\"]: no value for int)");
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[[{\"name\": \"a\", \"size\": null}], {}]", "{}"))
			.withMessageEndingWith("(at [0][\"size\"]: null into int)");
	}

	@Test
	void otherwiseGivesJacksonsReason() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[5, {}]", "{}"))
			.withMessageStartingWith("Task 'test' argument 'items': cannot convert 5 to "
					+ "java.util.List<io.taskq.worker.TaskMethodInvokerTests$Item> (Cannot deserialize value of type");
	}

	@Test
	void abbreviatesLongValues() {
		String values = "[" + "1, ".repeat(60) + "0.5]";
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> invoke("complex", "[[], {\"x\": " + values + "}]", "{}"))
			.withMessage("Task 'test' argument 'extra': cannot convert {\"x\":[" + "1,".repeat(47)
					+ "... to java.util.Map<java.lang.String,java.util.List<java.lang.Integer>> (at [\"x\"][60]: "
					+ "floating-point number 0.5 into an integer type)");
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

		String describe(String label, boolean on, double ratio) {
			return label + ":" + on + ":" + ratio;
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
