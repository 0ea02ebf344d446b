package io.taskq.worker;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.ReflectionUtils;

import io.taskq.core.TaskContext;
import io.taskq.protocol.TaskMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ExclusivePolicyTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void keyIsEvaluatedOverTheBoundArgumentsByName() {
		ExclusivePolicy policy = policy("#reportId");
		assertThat(evaluate(policy, "report", "[42, \"pdf\"]", "{}")).isEqualTo("42");
		assertThat(evaluate(policy, "report", "[]", "{\"format\": \"csv\", \"reportId\": 7}")).isEqualTo("7");
	}

	@Test
	void keyMayCombineArgumentsAndReadTheirProperties() {
		assertThat(evaluate(policy("#reportId + ':' + #format"), "report", "[42, \"pdf\"]", "{}"))
			.isEqualTo("42:pdf");
		assertThat(evaluate(policy("#order.customer()"), "order", "[{\"customer\": \"c-9\", \"total\": 3}]", "{}"))
			.isEqualTo("c-9");
		assertThat(evaluate(policy("#order.customer.length()"), "order", "[{\"customer\": \"c-9\", \"total\": 3}]",
				"{}"))
			.isEqualTo("3");
	}

	@Test
	void keyMayUseArgumentsByPositionSkippingTheContext() {
		assertThat(evaluate(policy("#args[1]"), "withContext", "[1, \"b\"]", "{}")).isEqualTo("b");
	}

	@Test
	void nullKeyIsAnArgumentError() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> evaluate(policy("#format"), "report", "[1, null]", "{}"))
			.withMessage("Exclusive key '#format' of task 'test' is null for these arguments");
	}

	@Test
	void keyThatCannotBeEvaluatedIsAnArgumentError() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> evaluate(policy("#format.nope"), "report", "[1, \"pdf\"]", "{}"))
			.withMessageStartingWith("Exclusive key '#format.nope' of task 'test' cannot be evaluated");
	}

	@Test
	void typeReferencesAreNotEvaluated() {
		assertThatExceptionOfType(TaskArgumentException.class)
			.isThrownBy(() -> evaluate(policy("T(java.lang.System).exit(1)"), "report", "[1, \"pdf\"]", "{}"));
	}

	@Test
	void invalidExpressionFailsNamingTheTask() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ExclusivePolicy.of("reports.render", "#reportId +", OnConflict.SKIP,
					Duration.ofSeconds(60), Duration.ofSeconds(1)))
			.withMessageStartingWith("Exclusive key '#reportId +' of task 'reports.render' is not a valid SpEL");
	}

	@Test
	void emptyKeyIsNotExclusive() {
		ExclusivePolicy policy = ExclusivePolicy.of("t", " ", OnConflict.SKIP, Duration.ofSeconds(60),
				Duration.ofSeconds(1));
		assertThat(policy.isExclusive()).isFalse();
		assertThat(ExclusivePolicy.NONE.isExclusive()).isFalse();
		assertThat(policy("#reportId").isExclusive()).isTrue();
	}

	@Test
	void leaseMustBeLongEnoughToRenew() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ExclusivePolicy.of("t", "#a", OnConflict.SKIP, Duration.ofMillis(2),
					Duration.ofSeconds(1)))
			.withMessageContaining("'t'");
	}

	private static ExclusivePolicy policy(String key) {
		return ExclusivePolicy.of("test", key, OnConflict.RETRY, Duration.ofSeconds(60), Duration.ofSeconds(1));
	}

	private String evaluate(ExclusivePolicy policy, String methodName, String args, String kwargs) {
		Method method = ReflectionUtils.findMethod(Handlers.class, methodName, (Class<?>[]) null);
		TaskMessage message;
		try {
			message = TaskMessage.builder("test", "id-1")
				.args((ArrayNode) this.json.readTree(args))
				.kwargs((ObjectNode) this.json.readTree(kwargs))
				.build();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(ex);
		}
		Map<String, Object> arguments = new TaskMethodInvoker(new Handlers(), method, this.json).arguments(message);
		return policy.evaluate("test", arguments);
	}

	record Order(String customer, int total) {
	}

	static class Handlers {

		void report(long reportId, String format) {
		}

		void order(Order order) {
		}

		void withContext(TaskContext context, int a, String b) {
		}

	}

}
