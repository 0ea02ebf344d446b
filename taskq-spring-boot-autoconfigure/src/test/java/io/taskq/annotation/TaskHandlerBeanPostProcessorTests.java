package io.taskq.annotation;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import io.taskq.core.TaskRoutes;
import io.taskq.worker.RateLimit;
import io.taskq.worker.TaskEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TaskHandlerBeanPostProcessorTests {

	private final TaskRoutes routes = new TaskRoutes("celery", Map.of(), Map.of("configured.task", 3));

	private final TaskEndpointRegistry registry = new TaskEndpointRegistry(this.routes,
			Map.of("configured.task", RateLimit.parse("5/m")), JsonMapper.builder().build());

	@Test
	void annotationGivesRateLimitAndDefaultPriority() {
		process(new Options());
		assertThat(this.registry.getEndpoint("annotated.task").rateLimit())
			.isEqualTo(new RateLimit(10, Duration.ofSeconds(1)));
		assertThat(this.routes.priorityFor("annotated.task")).isEqualTo(7);
		assertThat(this.registry.getEndpoint("plain.task").rateLimit()).isNull();
		assertThat(this.routes.priorityFor("plain.task")).isNull();
	}

	@Test
	void configurationOverridesTheAnnotation() {
		process(new Options());
		assertThat(this.registry.getEndpoint("configured.task").rateLimit())
			.isEqualTo(new RateLimit(5, Duration.ofMinutes(1)));
		assertThat(this.routes.priorityFor("configured.task")).isEqualTo(3);
	}

	@Test
	void invalidRateLimitFailsNamingTheTaskAndMethod() {
		assertThatIllegalStateException().isThrownBy(() -> process(new BadRateLimit()))
			.withMessageContaining("'bad.rate'")
			.withMessageContaining("BadRateLimit#run")
			.withMessageContaining("'fast'");
	}

	@Test
	void priorityAbove255FailsNamingTheTask() {
		assertThatIllegalStateException().isThrownBy(() -> process(new BadPriority()))
			.withMessageContaining("'bad.priority'")
			.withMessageContaining("between 0 and 255");
	}

	private void process(Object bean) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("registry", this.registry);
		TaskHandlerBeanPostProcessor postProcessor = new TaskHandlerBeanPostProcessor();
		postProcessor.setBeanFactory(beanFactory);
		postProcessor.postProcessAfterInitialization(bean, "handlers");
		postProcessor.afterSingletonsInstantiated();
	}

	static class Options {

		@TaskHandler(value = "annotated.task", rateLimit = "10/s", priority = 7)
		void annotated() {
		}

		@TaskHandler(value = "configured.task", rateLimit = "100/s", priority = 9)
		void configured() {
		}

		@TaskHandler("plain.task")
		void plain() {
		}

	}

	static class BadRateLimit {

		@TaskHandler(value = "bad.rate", rateLimit = "fast")
		void run() {
		}

	}

	static class BadPriority {

		@TaskHandler(value = "bad.priority", priority = 256)
		void run() {
		}

	}

}
