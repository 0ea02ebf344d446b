package io.taskq.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Which queue a task is sent to: the queue named in the send call, else the task's configured queue
 * ({@code taskq.tasks.<name>.queue}), else the queue of a local {@code @TaskHandler} for it, else the default
 * queue ({@code taskq.default-queue}, Celery's {@code celery}).
 */
public class TaskRoutes {

	private final String defaultQueue;

	private final Map<String, String> configured;

	private final Map<String, String> handlers = new ConcurrentHashMap<>();

	/**
	 * Create the routes.
	 * @param defaultQueue the queue of tasks with no other route
	 * @param configured queues configured per task name
	 */
	public TaskRoutes(String defaultQueue, Map<String, String> configured) {
		this.defaultQueue = defaultQueue;
		this.configured = Map.copyOf(configured);
	}

	/**
	 * The queue of tasks with no other route.
	 * @return the default queue
	 */
	public String defaultQueue() {
		return this.defaultQueue;
	}

	/**
	 * Record the queue of a local handler's task; configuration still takes precedence.
	 * @param task the task name
	 * @param queue the handler's queue
	 */
	public void registerHandler(String task, String queue) {
		this.handlers.put(task, queue);
	}

	/**
	 * The queue a task is sent to and consumed from when no send option names one.
	 * @param task the task name
	 * @return the queue
	 */
	public String queueFor(String task) {
		String queue = this.configured.get(task);
		if (queue != null) {
			return queue;
		}
		return this.handlers.getOrDefault(task, this.defaultQueue);
	}

	/**
	 * The queue a task is sent to.
	 * @param task the task name
	 * @param requested the queue named in the send call, or {@code null}
	 * @return the queue
	 */
	public String queueFor(String task, @Nullable String requested) {
		return (requested != null && !requested.isBlank()) ? requested : queueFor(task);
	}

}
