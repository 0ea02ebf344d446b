package io.taskq.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.taskq.annotation.TaskHandlerBeanPostProcessor;
import io.taskq.autoconfigure.TaskEndpointCustomizer;
import io.taskq.autoconfigure.TaskPropertiesEndpointCustomizer;
import io.taskq.autoconfigure.TaskRoutesFactory;
import io.taskq.autoconfigure.TaskqJsonMapperCustomizer;
import io.taskq.autoconfigure.TaskqProperties;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRoutes;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.worker.TaskArgumentRules;
import io.taskq.worker.TaskEndpointRegistry;

/**
 * Auto-configuration of the {@link TaskqTestKit} in place of taskq's own, imported by
 * {@link AutoConfigureTaskqTestKit @AutoConfigureTaskqTestKit}: the application's {@code @TaskHandler} beans are
 * found and registered as usual, with the {@code taskq.*} properties applied, and the kit is the
 * {@link TaskOperations}. Nothing here connects to a broker or to Redis.
 */
@AutoConfiguration
@EnableConfigurationProperties(TaskqProperties.class)
public final class TaskqTestKitAutoConfiguration {

	static final String JSON_MAPPER = "taskqJsonMapper";

	@Bean
	static TaskHandlerBeanPostProcessor taskHandlerBeanPostProcessor() {
		return new TaskHandlerBeanPostProcessor();
	}

	@Bean(name = JSON_MAPPER, defaultCandidate = false)
	JsonMapper taskqJsonMapper(ObjectProvider<TaskqJsonMapperCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return TaskArgumentRules.applyTo(builder).build();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskMessageCodec taskMessageCodec() {
		return new TaskMessageCodec(JsonMapper.builder().build());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRoutes taskRoutes(TaskqProperties properties) {
		return TaskRoutesFactory.create(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEndpointRegistry taskEndpointRegistry(TaskqProperties properties, TaskRoutes routes,
			@Qualifier(JSON_MAPPER) JsonMapper jsonMapper, ObjectProvider<TaskEndpointCustomizer> customizers) {
		List<TaskEndpointCustomizer> applied = new ArrayList<>();
		applied.add(new TaskPropertiesEndpointCustomizer(properties.getTasks()));
		customizers.orderedStream().forEach(applied::add);
		TaskEndpointRegistry registry = new TaskEndpointRegistry(routes, Map.of(), jsonMapper);
		registry.setEndpointCustomizer(TaskEndpointCustomizer.inOrder(applied)::customize);
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskqTestKit taskqTestKit(TaskEndpointRegistry registry, TaskRoutes routes,
			@Qualifier(JSON_MAPPER) JsonMapper jsonMapper, TaskMessageCodec codec) {
		return new TaskqTestKit(registry, routes, jsonMapper, codec);
	}

}
