package io.taskq.worker;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

import io.taskq.core.TaskRoutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TaskEndpointRegistryTests {

	private final TaskRoutes routes = new TaskRoutes("celery", Map.of("configured.task", "from-config"), Map.of());

	private final TaskEndpointRegistry registry = new TaskEndpointRegistry(this.routes,
			Map.of(), JsonMapper.builder().build());

	@Test
	void twoHandlersForOneNameFailNamingBothBeans() {
		Method method = ReflectionUtils.findMethod(Object.class, "toString");
		this.registry.register(new TaskEndpoint("dup", "celery", "firstBean", new Object(), method, true, RetryPolicy.DEFAULT, TimeLimits.NONE, true, null,
				ExclusivePolicy.NONE, null));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.registry
				.register(new TaskEndpoint("dup", "celery", "secondBean", new Object(), method, true, RetryPolicy.DEFAULT, TimeLimits.NONE, true, null,
				ExclusivePolicy.NONE, null)))
			.withMessageContaining("'dup'")
			.withMessageContaining("bean 'firstBean'")
			.withMessageContaining("bean 'secondBean'");
	}

	@Test
	void configuredQueueWinsOverAnnotationWhichWinsOverDefault() {
		assertThat(this.registry.resolveQueue("configured.task", "annotated")).isEqualTo("from-config");
		assertThat(this.registry.resolveQueue("annotated.task", "annotated")).isEqualTo("annotated");
		assertThat(this.registry.resolveQueue("plain.task", "")).isEqualTo("celery");
		assertThat(this.routes.queueFor("annotated.task", null)).isEqualTo("annotated");
		assertThat(this.routes.queueFor("annotated.task", "explicit")).isEqualTo("explicit");
	}

}
