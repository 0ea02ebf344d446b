package io.taskq.autoconfigure;

import java.util.List;

import io.taskq.worker.TaskEndpoint;

/**
 * Callback interface that can be implemented by beans wishing to customize each task endpoint the worker
 * registers: its retry policy, time limits, acknowledgement mode, rate limit, exclusive policy or result expiry.
 * Customizers are applied in order, after the {@code taskq.tasks.<name>.*} properties.
 */
@FunctionalInterface
public interface TaskEndpointCustomizer {

	/**
	 * Customize an endpoint.
	 * @param endpoint the endpoint as declared by its {@code @TaskHandler}, with configuration and earlier
	 * customizers applied
	 * @return the endpoint to register, {@code endpoint} itself if unchanged
	 */
	TaskEndpoint customize(TaskEndpoint endpoint);

	/**
	 * One customizer that applies the given ones in order, each to what the one before returned.
	 * @param customizers the customizers, in order
	 * @return the customizer
	 */
	static TaskEndpointCustomizer inOrder(List<? extends TaskEndpointCustomizer> customizers) {
		List<TaskEndpointCustomizer> applied = List.copyOf(customizers);
		return (declared) -> {
			TaskEndpoint endpoint = declared;
			for (TaskEndpointCustomizer customizer : applied) {
				endpoint = customizer.customize(endpoint);
			}
			return endpoint;
		};
	}

}
