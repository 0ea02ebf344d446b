package io.taskq.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callback interface that can be implemented by beans wishing to customize the JSON mapper that binds task
 * arguments to handler parameters and converts handlers' results, typically to add Jackson modules for the
 * application's own types. Customizers are applied in order; taskq's argument-binding rules
 * ({@code TaskArgumentRules}) are applied after them and cannot be relaxed. The wire format (task messages,
 * stored results' envelope) does not use this mapper.
 */
@FunctionalInterface
public interface TaskqJsonMapperCustomizer {

	/**
	 * Customize the mapper's builder.
	 * @param builder the builder, with Jackson's defaults
	 */
	void customize(JsonMapper.Builder builder);

}
