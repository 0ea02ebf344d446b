package io.taskq.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * A {@code @SpringBootTest} of a taskq application on resources of its own ({@link IsolatedTaskq}): a unique
 * default queue and Redis key prefix, removed when the run ends or the context closes. Tests read them as
 * {@code @Value("${taskq.default-queue}")} and {@code @Value("${taskq.redis.key-prefix}")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ContextConfiguration(initializers = IsolatedTaskq.class)
@interface TaskqIntegrationTest {

	/**
	 * The application's configuration: usually a nested {@code @SpringBootConfiguration} with its handlers.
	 * @return the configuration classes
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "classes")
	Class<?>[] value();

}
