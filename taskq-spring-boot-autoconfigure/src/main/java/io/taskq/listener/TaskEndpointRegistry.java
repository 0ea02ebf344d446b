package io.taskq.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import io.taskq.core.TaskQueueDeclarer;
import io.taskq.core.TaskRoutes;
import io.taskq.ratelimit.RateLimit;

/**
 * The worker pool: holds every {@link TaskEndpoint}, and owns one listener container per queue those
 * endpoints consume from. Started last and stopped first among the context's lifecycle beans, so a stopping
 * worker stops consuming before anything it needs goes away.
 */
public class TaskEndpointRegistry implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(TaskEndpointRegistry.class);

	private final TaskRoutes routes;

	private final Map<String, RateLimit> configuredRateLimits;

	private final TaskQueueDeclarer queueDeclarer;

	private final ObjectMapper objectMapper;

	private final Function<String, AbstractMessageListenerContainer> containerFactory;

	private final MessageListener listener;

	private final Map<String, TaskMessageListener.Handler> handlers = new LinkedHashMap<>();

	private final Map<String, AbstractMessageListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	private UnaryOperator<TaskEndpoint> endpointCustomizer = UnaryOperator.identity();

	private BiFunction<String, ExclusivePolicy, ExclusivePolicy> exclusivePolicyOverrides = (task, policy) -> policy;

	/**
	 * Create a registry.
	 * @param routes the task routes, told about each handler's queue and default priority
	 * @param configuredRateLimits rate limits configured per task name, overriding the handlers' own
	 * @param queueDeclarer declares the queues consumed from
	 * @param objectMapper binds arguments to handler parameters (built with {@link TaskArgumentRules})
	 * @param containerFactory creates the (unstarted) container of a queue
	 * @param listenerFactory creates the message listener, given the lookup of handlers by task name
	 */
	public TaskEndpointRegistry(TaskRoutes routes, Map<String, RateLimit> configuredRateLimits,
			TaskQueueDeclarer queueDeclarer, ObjectMapper objectMapper,
			Function<String, AbstractMessageListenerContainer> containerFactory,
			Function<Function<String, TaskMessageListener.@Nullable Handler>, MessageListener> listenerFactory) {
		this.routes = routes;
		this.configuredRateLimits = Map.copyOf(configuredRateLimits);
		this.queueDeclarer = queueDeclarer;
		this.objectMapper = objectMapper;
		this.containerFactory = containerFactory;
		this.listener = listenerFactory.apply(this::handler);
	}

	/**
	 * Register a handler.
	 * @param endpoint the endpoint
	 * @throws IllegalStateException if another handler serves the same task name
	 */
	public synchronized void register(TaskEndpoint declared) {
		TaskEndpoint endpoint = this.endpointCustomizer.apply(declared);
		TaskMessageListener.Handler existing = this.handlers.get(endpoint.name());
		if (existing != null) {
			throw new IllegalStateException("Two @TaskHandler methods serve task '" + endpoint.name() + "': "
					+ existing.endpoint().describe() + " and " + endpoint.describe());
		}
		this.handlers.put(endpoint.name(),
				new TaskMessageListener.Handler(endpoint, new TaskMethodInvoker(endpoint.bean(), endpoint.method(),
						this.objectMapper)));
	}

	/**
	 * The endpoint serving a task name.
	 * @param task the task name
	 * @return the endpoint, or {@code null} if the name is not registered
	 */
	public @Nullable TaskEndpoint getEndpoint(String task) {
		TaskMessageListener.Handler handler = handler(task);
		return (handler != null) ? handler.endpoint() : null;
	}

	/**
	 * Every registered endpoint.
	 * @return the endpoints, in registration order
	 */
	public synchronized List<TaskEndpoint> getEndpoints() {
		return this.handlers.values().stream().map(TaskMessageListener.Handler::endpoint).toList();
	}

	/**
	 * The listener containers by queue name, once started.
	 * @return the containers
	 */
	public synchronized Map<String, AbstractMessageListenerContainer> getContainers() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(this.containers));
	}

	private synchronized TaskMessageListener.@Nullable Handler handler(String task) {
		return this.handlers.get(task);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		Set<String> queues = new LinkedHashSet<>();
		this.handlers.values().forEach((handler) -> queues.add(handler.endpoint().queue()));
		for (String queue : queues) {
			this.queueDeclarer.declare(queue);
			AbstractMessageListenerContainer container = this.containerFactory.apply(queue);
			container.setQueueNames(queue);
			container.setMessageListener(this.listener);
			container.afterPropertiesSet();
			container.start();
			this.containers.put(queue, container);
		}
		this.running = true;
		if (!queues.isEmpty()) {
			logger.info("taskq worker consuming " + queues + " for tasks " + this.handlers.keySet());
		}
	}

	@Override
	public void stop() {
		List<AbstractMessageListenerContainer> stopping;
		synchronized (this) {
			stopping = new ArrayList<>(this.containers.values());
		}
		stopping.parallelStream().forEach(AbstractMessageListenerContainer::stop);
		synchronized (this) {
			stopping.forEach(AbstractMessageListenerContainer::destroy);
			this.containers.clear();
			this.running = false;
		}
	}

	/**
	 * Release the listener's threads.
	 * @throws Exception if the listener cannot be closed
	 */
	public void destroy() throws Exception {
		if (this.listener instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Set how configuration overrides the options a handler declares; applied to every endpoint registered.
	 * @param customizer given the declared endpoint, the effective one
	 */
	public void setEndpointCustomizer(UnaryOperator<TaskEndpoint> customizer) {
		this.endpointCustomizer = customizer;
	}

	/**
	 * Set how configuration overrides a handler's own exclusive policy.
	 * @param overrides given the task name and the annotated policy, the effective policy
	 */
	public void setExclusivePolicyOverrides(BiFunction<String, ExclusivePolicy, ExclusivePolicy> overrides) {
		this.exclusivePolicyOverrides = overrides;
	}

	/**
	 * The effective exclusive policy of a task: the handler's own, with configuration applied.
	 * @param task the task name
	 * @param annotated the policy declared on the handler
	 * @return the effective policy
	 */
	public ExclusivePolicy resolveExclusivePolicy(String task, ExclusivePolicy annotated) {
		return this.exclusivePolicyOverrides.apply(task, annotated);
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
