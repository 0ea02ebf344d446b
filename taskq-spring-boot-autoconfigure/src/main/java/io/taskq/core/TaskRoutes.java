package io.taskq.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Which queue a task is sent to: the queue named in the send call, else the task's configured queue
 * ({@code taskq.tasks.<name>.queue}), else the queue of a local {@code @TaskHandler} for it, else the default
 * queue ({@code taskq.default-queue}, Celery's {@code celery}). Like Celery's routes, they also give the
 * priority a task is sent with when the send call names none: {@code taskq.tasks.<name>.priority}, else the
 * handler's.
 */
public class TaskRoutes {

	private final String defaultQueue;

	private final Map<String, String> configured;

	private final Map<String, String> handlers = new ConcurrentHashMap<>();

	private final Map<String, Integer> configuredPriorities;

	private final Map<String, Integer> handlerPriorities = new ConcurrentHashMap<>();

	/**
	 * Create the routes.
	 * @param defaultQueue the queue of tasks with no other route
	 * @param configured queues configured per task name
	 * @param configuredPriorities default priorities configured per task name
	 */
	public TaskRoutes(String defaultQueue, Map<String, String> configured, Map<String, Integer> configuredPriorities) {
		this.defaultQueue = defaultQueue;
		this.configured = Map.copyOf(configured);
		this.configuredPriorities = Map.copyOf(configuredPriorities);
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
	 * Record the default priority of a local handler's task; configuration still takes precedence.
	 * @param task the task name
	 * @param priority the handler's default priority
	 */
	public void registerHandlerPriority(String task, int priority) {
		this.handlerPriorities.put(task, priority);
	}

	/**
	 * The priority a task is sent with when no send option gives one.
	 * @param task the task name
	 * @return the priority, or {@code null} for none (sent as 0, as Python Celery does)
	 */
	public @Nullable Integer priorityFor(String task) {
		Integer priority = this.configuredPriorities.get(task);
		return (priority != null) ? priority : this.handlerPriorities.get(task);
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
