package io.taskq.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.taskq.core.TaskRoutes;

/**
 * Builds the {@link TaskRoutes} the {@code taskq.default-queue} and {@code taskq.tasks.<name>.queue} and
 * {@code .priority} properties describe, for the auto-configuration and for anything that needs the same routes
 * without it (the test kit).
 */
public final class TaskRoutesFactory {

	private TaskRoutesFactory() {
	}

	/**
	 * Build the routes the properties describe.
	 * @param properties the properties
	 * @return the routes
	 * @throws IllegalArgumentException if a configured priority is not between 0 and 255
	 */
	public static TaskRoutes create(TaskqProperties properties) {
		Map<String, String> queues = new LinkedHashMap<>();
		Map<String, Integer> priorities = new LinkedHashMap<>();
		properties.getTasks().forEach((name, task) -> {
			if (task.getQueue() != null && !task.getQueue().isBlank()) {
				queues.put(name, task.getQueue());
			}
			if (task.getPriority() != null) {
				priorities.put(name, TaskqAutoConfiguration.checkPriority(task.getPriority(),
						"taskq.tasks." + name + ".priority"));
			}
		});
		return new TaskRoutes(properties.getDefaultQueue(), queues, priorities);
	}

}
