package io.taskq.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureTaskqTestKit @AutoConfigureTaskqTestKit} on a plain Spring test context, without
 * Spring Boot's auto-configuration.
 */
@ExtendWith(SpringExtension.class)
@ContextConfiguration(classes = PlainSpringContextTaskqTestKitTests.Handlers.class)
@AutoConfigureTaskqTestKit
class PlainSpringContextTaskqTestKitTests {

	@Autowired
	private TaskOperations tasks;

	@Autowired
	private TaskqTestKit kit;

	@Test
	void handlersAreRegisteredAndRunThroughTheKit() {
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		Integer sum = this.tasks.send("math.add", 2, 40).get(Duration.ZERO, Integer.class);

		assertThat(sum).isEqualTo(42);
		assertThat(this.kit.sent("math.add")).singleElement().satisfies((sent) -> {
			assertThat(sent.args()).containsExactly(2, 40);
			assertThat(sent.queue()).isEqualTo("celery");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		Calculator calculator() {
			return new Calculator();
		}

	}

	static class Calculator {

		@TaskHandler("math.add")
		int add(int a, int b) {
			return a + b;
		}

	}

}
