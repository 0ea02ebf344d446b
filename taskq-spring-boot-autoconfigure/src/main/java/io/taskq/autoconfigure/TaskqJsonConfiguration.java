package io.taskq.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.worker.TaskArgumentRules;

/**
 * The JSON mapper of task arguments and results, customizable with {@link TaskqJsonMapperCustomizer} beans. It is
 * not a candidate for injection by type: the application's own {@link JsonMapper} stays the only one.
 */
@Configuration(proxyBeanMethods = false)
class TaskqJsonConfiguration {

	static final String JSON_MAPPER = "taskqJsonMapper";

	@Bean(name = JSON_MAPPER, defaultCandidate = false)
	JsonMapper taskqJsonMapper(ObjectProvider<TaskqJsonMapperCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return TaskArgumentRules.applyTo(builder).build();
	}

}
