package io.taskq.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import io.taskq.core.TaskRoutes;

/**
 * The tasks this worker runs: every {@link TaskEndpoint} the {@code @TaskHandler} methods declare, with configuration
 * applied, each with the invoker that binds a message's arguments to its method. One handler per task name.
 */
public class TaskEndpointRegistry {

	private final TaskRoutes routes;

	private final Map<String, RateLimit> configuredRateLimits;

	private final ObjectMapper objectMapper;

	private final Map<String, RegisteredTask> tasks = new ConcurrentHashMap<>();

	private final Map<String, RegisteredTask> registrationOrder = Collections.synchronizedMap(new LinkedHashMap<>());

	private UnaryOperator<TaskEndpoint> endpointCustomizer = UnaryOperator.identity();

	/**
	 * Create a registry.
	 * @param routes the task routes, told about each handler's queue and default priority
	 * @param configuredRateLimits rate limits configured per task name, overriding the handlers' own
	 * @param objectMapper binds arguments to handler parameters
	 */
	public TaskEndpointRegistry(TaskRoutes routes, Map<String, RateLimit> configuredRateLimits,
			ObjectMapper objectMapper) {
		this.routes = routes;
		this.configuredRateLimits = Map.copyOf(configuredRateLimits);
		this.objectMapper = objectMapper;
	}

	/**
	 * Register a handler.
	 * @param declared the endpoint as declared, before configuration overrides it
	 * @throws IllegalStateException if another handler serves the same task name
	 */
	public synchronized void register(TaskEndpoint declared) {
		TaskEndpoint endpoint = this.endpointCustomizer.apply(declared);
		RegisteredTask existing = this.tasks.get(endpoint.name());
		if (existing != null) {
			throw new IllegalStateException("Two @TaskHandler methods serve task '" + endpoint.name() + "': "
					+ existing.endpoint().describe() + " and " + endpoint.describe());
		}
		RegisteredTask task = new RegisteredTask(endpoint,
				new TaskMethodInvoker(endpoint.bean(), endpoint.method(), this.objectMapper));
		this.tasks.put(endpoint.name(), task);
		this.registrationOrder.put(endpoint.name(), task);
	}

	/**
	 * The registered task of a name.
	 * @param name the task name
	 * @return the task, or {@code null} if the name is not registered
	 */
	public @Nullable RegisteredTask task(String name) {
		return this.tasks.get(name);
	}

	/**
	 * The endpoint serving a task name.
	 * @param task the task name
	 * @return the endpoint, or {@code null} if the name is not registered
	 */
	public @Nullable TaskEndpoint getEndpoint(String task) {
		RegisteredTask registered = task(task);
		return (registered != null) ? registered.endpoint() : null;
	}

	/**
	 * Every registered endpoint.
	 * @return the endpoints, in registration order
	 */
	public List<TaskEndpoint> getEndpoints() {
		synchronized (this.registrationOrder) {
			return this.registrationOrder.values().stream().map(RegisteredTask::endpoint).toList();
		}
	}

	/**
	 * The queues the registered tasks are consumed from.
	 * @return the queues, in the order their first task registered
	 */
	public Set<String> getQueues() {
		Set<String> queues = new LinkedHashSet<>();
		getEndpoints().forEach((endpoint) -> queues.add(endpoint.queue()));
		return queues;
	}

	/**
	 * Set how configuration overrides the options a handler declares (its exclusive policy included); applied to
	 * every endpoint registered.
	 * @param customizer given the declared endpoint, the effective one
	 */
	public void setEndpointCustomizer(UnaryOperator<TaskEndpoint> customizer) {
		this.endpointCustomizer = customizer;
	}

	/**
	 * Queues with the handlers' task names; the routes also learn each handler's queue.
	 * @param task the task name
	 * @param annotatedQueue the queue named on the annotation, or empty
	 * @return the queue the handler consumes from
	 */
	public String resolveQueue(String task, String annotatedQueue) {
		if (!annotatedQueue.isEmpty()) {
			this.routes.registerHandler(task, annotatedQueue);
		}
		return this.routes.queueFor(task);
	}

	/**
	 * The rate limit of a handler's task: the configured one, else the one named on the annotation.
	 * @param task the task name
	 * @param annotatedRateLimit the rate limit named on the annotation, or empty for none
	 * @return the rate limit, or {@code null} for none
	 * @throws IllegalArgumentException if the annotated rate limit is not in Celery's syntax
	 */
	public @Nullable RateLimit resolveRateLimit(String task, String annotatedRateLimit) {
		RateLimit configured = this.configuredRateLimits.get(task);
		if (configured != null) {
			return configured;
		}
		return annotatedRateLimit.isBlank() ? null : RateLimit.parse(annotatedRateLimit);
	}

	/**
	 * Record a handler's default priority with the routes; a configured priority still takes precedence.
	 * @param task the task name
	 * @param priority the priority, 0 to 255
	 */
	public void registerDefaultPriority(String task, int priority) {
		this.routes.registerHandlerPriority(task, priority);
	}

}
