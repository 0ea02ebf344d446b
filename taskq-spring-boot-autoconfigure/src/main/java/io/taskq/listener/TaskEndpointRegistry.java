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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

import io.taskq.core.TaskQueueDeclarer;
import io.taskq.core.TaskRoutes;

/**
 * The worker pool: holds every {@link TaskEndpoint}, and owns one listener container per queue those
 * endpoints consume from. Started last and stopped first among the context's lifecycle beans, so a stopping
 * worker stops consuming before anything it needs goes away.
 */
public class TaskEndpointRegistry implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(TaskEndpointRegistry.class);

	private final TaskRoutes routes;

	private final TaskQueueDeclarer queueDeclarer;

	private final ObjectMapper objectMapper;

	private final Function<String, AbstractMessageListenerContainer> containerFactory;

	private final MessageListener listener;

	private final Map<String, TaskMessageListener.Handler> handlers = new LinkedHashMap<>();

	private final Map<String, AbstractMessageListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	private BiFunction<String, RetryPolicy, RetryPolicy> retryPolicyOverrides = (task, policy) -> policy;

	private BiFunction<String, ExclusivePolicy, ExclusivePolicy> exclusivePolicyOverrides = (task, policy) -> policy;

	/**
	 * Create a registry.
	 * @param routes the task routes, told about each handler's queue
	 * @param queueDeclarer declares the queues consumed from
	 * @param objectMapper binds arguments to handler parameters
	 * @param containerFactory creates the (unstarted) container of a queue
	 * @param listenerFactory creates the message listener, given the lookup of handlers by task name
	 */
	public TaskEndpointRegistry(TaskRoutes routes, TaskQueueDeclarer queueDeclarer, ObjectMapper objectMapper,
			Function<String, AbstractMessageListenerContainer> containerFactory,
			Function<Function<String, TaskMessageListener.@Nullable Handler>, MessageListener> listenerFactory) {
		this.routes = routes;
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
	public synchronized void register(TaskEndpoint endpoint) {
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

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Set how configuration overrides a handler's own retry policy.
	 * @param overrides given the task name and the annotated policy, the effective policy
	 */
	public void setRetryPolicyOverrides(BiFunction<String, RetryPolicy, RetryPolicy> overrides) {
		this.retryPolicyOverrides = overrides;
	}

	/**
	 * The effective retry policy of a task: the handler's own, with configuration applied.
	 * @param task the task name
	 * @param annotated the policy declared on the handler
	 * @return the effective policy
	 */
	public RetryPolicy resolveRetryPolicy(String task, RetryPolicy annotated) {
		return this.retryPolicyOverrides.apply(task, annotated);
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

}
