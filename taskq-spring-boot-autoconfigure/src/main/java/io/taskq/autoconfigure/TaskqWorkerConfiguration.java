package io.taskq.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.taskq.annotation.TaskHandlerBeanPostProcessor;
import io.taskq.broker.TaskBroker;
import io.taskq.control.CeleryRemoteControl;
import io.taskq.core.TaskRoutes;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.store.LeaseStore;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.redis.RedisRevocationStore;
import io.taskq.store.redis.RevocationSubscriber;
import io.taskq.worker.LeaseKeeper;
import io.taskq.worker.RateLimit;
import io.taskq.worker.RunningTasks;
import io.taskq.worker.TaskChains;
import io.taskq.worker.TaskEndpointRegistry;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskLifecycleListener;
import io.taskq.worker.TaskOutcomeElector;
import io.taskq.worker.TaskOutcomeHandler;
import io.taskq.worker.TaskOutcomes;
import io.taskq.worker.TaskPipeline;
import io.taskq.worker.TaskReader;
import io.taskq.worker.TaskStateWriter;
import io.taskq.worker.TaskWorker;
import io.taskq.worker.TaskWorkerSettings;

/**
 * The worker pool: finds {@code @TaskHandler} methods and consumes their queues, every delivery going through the
 * pipeline ({@link TaskqWorkerPipelineConfiguration} has its steps). Off with {@code taskq.worker.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "taskq.worker.enabled", matchIfMissing = true)
@Import(TaskqWorkerPipelineConfiguration.class)
class TaskqWorkerConfiguration {

	static final String TASK_EXECUTOR = "taskqTaskExecutor";

	static final String TIMER = "taskqTimer";

	@Bean
	static TaskHandlerBeanPostProcessor taskHandlerBeanPostProcessor() {
		return new TaskHandlerBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskWorkerSettings taskqWorkerSettings(TaskqProperties properties, TaskqNode node) {
		TaskqProperties.Worker worker = properties.getWorker();
		return new TaskWorkerSettings(node.name(), worker.isTrackStarted(), properties.getResult().getExpires(),
				properties.getResult().isExtended(), worker.getMaxMessageSize().toBytes(), worker.getLeaseAfter(),
				worker.getLease(), worker.getMaxRedeliveries());
	}

	/**
	 * The registry applies the {@code taskq.tasks.<name>.*} properties to each endpoint, then the
	 * {@link TaskEndpointCustomizer} beans in order.
	 */
	@Bean
	@ConditionalOnMissingBean
	TaskEndpointRegistry taskEndpointRegistry(TaskqProperties properties, TaskRoutes routes,
			@Qualifier(TaskqJsonConfiguration.JSON_MAPPER) JsonMapper jsonMapper,
			ObjectProvider<TaskEndpointCustomizer> customizers) {
		TaskEndpointRegistry registry = new TaskEndpointRegistry(routes, rateLimits(properties), jsonMapper);
		List<TaskEndpointCustomizer> applied = new ArrayList<>();
		applied.add(new TaskPropertiesEndpointCustomizer(properties.getTasks()));
		customizers.orderedStream().forEach(applied::add);
		registry.setEndpointCustomizer(TaskEndpointCustomizer.inOrder(applied)::customize);
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskReader taskqTaskReader(TaskMessageCodec codec, TaskWorkerSettings settings, TaskEndpointRegistry registry) {
		return new TaskReader(codec, settings.maxMessageSize(), registry::task, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskPipeline taskqPipeline(TaskReader reader, ObjectProvider<TaskInterceptor> interceptors,
			ObjectProvider<TaskOutcomeElector> electors, ObjectProvider<TaskOutcomeHandler> handlers,
			ObjectProvider<TaskLifecycleListener> listeners) {
		return new TaskPipeline(reader, new TaskChains(interceptors.orderedStream().toList(),
				listeners.orderedStream().toList()),
				new TaskOutcomes(electors.orderedStream().toList(), handlers.orderedStream().toList()),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskWorker taskqWorker(TaskEndpointRegistry registry, TaskBroker broker, TaskPipeline pipeline) {
		return new TaskWorker(registry, broker, pipeline);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskStateWriter taskqStateWriter(ResultStore resultStore, TaskWorkerSettings settings) {
		return new TaskStateWriter(resultStore, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	RunningTasks taskqRunningTasks() {
		return new RunningTasks();
	}

	@Bean
	@ConditionalOnMissingBean
	LeaseKeeper taskqLeaseKeeper(LeaseStore leases, @Qualifier(TIMER) ScheduledExecutorService timer) {
		return new LeaseKeeper(leases, timer);
	}

	/**
	 * Runs tasks with time limits, each on a thread of its own (virtual with
	 * {@code spring.threads.virtual.enabled}).
	 */
	@Bean(name = TASK_EXECUTOR, defaultCandidate = false, destroyMethod = "shutdownNow")
	ExecutorService taskqTaskExecutor(Environment environment) {
		return Executors.newCachedThreadPool(TaskqThreads.of(environment, "taskq-task-"));
	}

	/**
	 * One thread for the worker's timers: soft time limits, lease renewals, the long-task sweep and heartbeats.
	 * Always a platform thread, whatever {@code spring.threads.virtual.enabled} says: virtual threads are not
	 * preempted, so handlers busy computing on every carrier thread would hold back a virtual timer, and a lease
	 * not renewed in time lets another worker run an exclusive task alongside. The timer's work is short, on one
	 * long-lived thread: a virtual thread would save nothing.
	 */
	@Bean(name = TIMER, defaultCandidate = false, destroyMethod = "shutdownNow")
	ScheduledExecutorService taskqTimer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
				TaskqThreads.of(false, "taskq-timer-"));
		// Timers of tasks that end early are dropped at once, not kept until they would have fired.
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RedisRevocationStore.class)
	RevocationSubscriber taskqRevocationSubscriber(RedisConnectionFactory redisConnectionFactory,
			RedisRevocationStore revocationStore, RunningTasks runningTasks, Environment environment) {
		return new RevocationSubscriber(redisConnectionFactory, revocationStore, runningTasks::terminate,
				TaskqThreads.of(environment, "taskq-revocations-"));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.worker.remote-control", matchIfMissing = true)
	CeleryRemoteControl taskqCeleryRemoteControl(ConnectionFactory connectionFactory,
			ObjectProvider<AmqpAdmin> amqpAdmin, TaskqNode node, RevocationStore revocationStore,
			Environment environment) {
		return new CeleryRemoteControl(connectionFactory,
				amqpAdmin.getIfAvailable(() -> new RabbitAdmin(connectionFactory)), node.name(), revocationStore,
				TaskqThreads.of(environment, "taskq-remote-control-"));
	}

	private static Map<String, RateLimit> rateLimits(TaskqProperties properties) {
		Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
		properties.getTasks().forEach((name, task) -> {
			if (task.getRateLimit() != null && !task.getRateLimit().isBlank()) {
				try {
					rateLimits.put(name, RateLimit.parse(task.getRateLimit()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("taskq.tasks." + name + ".rate-limit of task '" + name + "': "
							+ ex.getMessage(), ex);
				}
			}
		});
		return rateLimits;
	}

}
