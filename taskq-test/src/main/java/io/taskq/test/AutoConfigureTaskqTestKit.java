package io.taskq.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import io.taskq.autoconfigure.TaskqAutoConfiguration;
import io.taskq.autoconfigure.health.TaskqHealthContributorAutoConfiguration;
import io.taskq.autoconfigure.metrics.TaskqMetricsAutoConfiguration;

/**
 * Gives a test's application context the {@link TaskqTestKit} as its {@link io.taskq.core.TaskOperations}, in
 * place of taskq's auto-configuration: the {@code @TaskHandler} beans are registered, and no broker and no Redis
 * are needed (taskq's worker, producer, stores, schedule and beat are left out). Works on a
 * {@code @SpringBootTest} and on a plain {@code @ExtendWith(SpringExtension.class)} context. The kit is
 * {@linkplain TaskqTestKit#reset() reset} after each test method.
 * <p>
 * Spring Boot's own RabbitMQ and Redis auto-configuration stays: it connects only when something uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(classes = TaskqTestKitAutoConfiguration.class, exclude = { TaskqAutoConfiguration.class,
		TaskqHealthContributorAutoConfiguration.class, TaskqMetricsAutoConfiguration.class })
public @interface AutoConfigureTaskqTestKit {

}
