package io.taskq.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.annotation.TaskHandlerBeanPostProcessor;
import io.taskq.core.CompositeTaskObserver;
import io.taskq.core.TaskObserver;
import io.taskq.core.TaskPublisher;
import io.taskq.core.TaskQueueDeclarer;
import io.taskq.core.TaskRoutes;
import io.taskq.deadletter.RedisDeadLetterStore;
import io.taskq.listener.DeadLetterPublisher;
import io.taskq.listener.ExclusiveLocks;
import io.taskq.listener.RedeliveryCounter;
import io.taskq.listener.TaskArgumentRules;
import io.taskq.listener.TaskEndpointRegistry;
import io.taskq.listener.TaskMessageListener;
import io.taskq.listener.TaskWorkerSettings;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.ratelimit.RateLimit;
import io.taskq.ratelimit.RedisRateLimiter;
import io.taskq.result.ResultStore;
import io.taskq.revoke.CeleryRemoteControl;
import io.taskq.revoke.RevocationStore;
import io.taskq.revoke.RevocationSubscriber;
import io.taskq.revoke.RunningTasks;
import io.taskq.schedule.RedisTaskSchedule;

/**
 * The worker pool: finds {@code @TaskHandler} methods and consumes their queues. Off with
 * {@code taskq.worker.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "taskq.worker.enabled", matchIfMissing = true)
class TaskqWorkerConfiguration {

	private static final Log logger = LogFactory.getLog(TaskqWorkerConfiguration.class);

	@Bean
	static TaskHandlerBeanPostProcessor taskHandlerBeanPostProcessor() {
		return new TaskHandlerBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterPublisher taskqDeadLetterPublisher(TaskPublisher publisher, TaskQueueDeclarer queueDeclarer,
			TaskqProperties properties) {
		return new DeadLetterPublisher(publisher, queueDeclarer, properties.getWorker().getDeadLetterQueue());
	}

	/**
	 * A slot reserved for a rate-limited message is kept for it this long past its time (and at least twice the
	 * schedule's lease, after which another promoter publishes it).
	 */
	@Bean
	@ConditionalOnMissingBean
	RedisRateLimiter taskqRateLimiter(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		Duration grace = properties.getSchedule().getLease().multipliedBy(2);
		return new RedisRateLimiter(new StringRedisTemplate(redisConnectionFactory),
				properties.getRedis().getKeyPrefix(), (grace.compareTo(Duration.ofMinutes(1)) > 0) ? grace
						: Duration.ofMinutes(1));
	}

	@Bean
	@ConditionalOnMissingBean
	ExclusiveLocks taskqExclusiveLocks(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		return new ExclusiveLocks(new StringRedisTemplate(redisConnectionFactory),
				properties.getRedis().getKeyPrefix());
	}

	/**
	 * A redelivery count lives as long as results do: a task redelivered after that is counted afresh.
	 */
	@Bean
	@ConditionalOnMissingBean
	RedeliveryCounter taskqRedeliveryCounter(RedisConnectionFactory redisConnectionFactory,
			TaskqProperties properties) {
		return new RedeliveryCounter(new StringRedisTemplate(redisConnectionFactory),
				properties.getRedis().getKeyPrefix(), properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEndpointRegistry taskEndpointRegistry(TaskqProperties properties, TaskRoutes routes,
			TaskQueueDeclarer queueDeclarer, ConnectionFactory connectionFactory,
			ObjectProvider<SimpleRabbitListenerContainerFactoryConfigurer> configurer, TaskMessageCodec codec,
			ResultStore resultStore, DeadLetterPublisher deadLetterPublisher, TaskqNode node,
			ObjectProvider<TaskObserver> observers, RedisTaskSchedule schedule,
			ObjectProvider<RedisDeadLetterStore> deadLetterStore, RevocationStore revocationStore,
			RunningTasks runningTasks, RedisRateLimiter rateLimiter, ExclusiveLocks exclusiveLocks,
			RedeliveryCounter redeliveryCounter) {
		TaskqProperties.Worker worker = properties.getWorker();
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.ifAvailable((bootConfigurer) -> bootConfigurer.configure(factory, connectionFactory));
		factory.setConnectionFactory(connectionFactory);
		factory.setAdviceChain();
		factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		factory.setDefaultRequeueRejected(true);
		factory.setConcurrentConsumers(worker.getConcurrency());
		factory.setMaxConcurrentConsumers(
				(worker.getMaxConcurrency() != null) ? worker.getMaxConcurrency() : worker.getConcurrency());
		factory.setPrefetchCount(worker.getPrefetch());
		factory.setMissingQueuesFatal(false);
		factory.setConsumerBatchEnabled(false);
		factory.setBatchSize(1);
		TaskWorkerSettings settings = new TaskWorkerSettings(node.name(), worker.isTrackStarted(),
				properties.getResult().getExpires(), properties.getResult().isExtended(),
				worker.getMaxMessageSize().toBytes(), worker.getLeaseAfter(), worker.getLease(),
				worker.getMaxRedeliveries());
		TaskEndpointRegistry registry = new TaskEndpointRegistry(routes, rateLimits(properties), queueDeclarer,
				TaskArgumentRules.applyTo(JsonMapper.builder()).build(), (queue) -> {
			SimpleMessageListenerContainer container = factory.createListenerContainer();
			container.setShutdownTimeout(worker.getShutdownTimeout().toMillis());
			// On stop, finish the running task only; prefetched, unstarted messages go back to the queue.
			container.setForceStop(true);
			container.setListenerId("taskq-" + queue);
			// Spring AMQP's default exits the JVM on an Error in a consumer thread; taskq's listener lets none out
			// (a handler's Error is a task failure), so one reaching here came from the container itself.
			container.setJavaLangErrorHandler((error) -> logger.error("Consumer of queue '" + queue
					+ "' aborted by " + error + "; its container stops (the taskq health indicator reports it DOWN), "
					+ "the JVM is not exited", error));
			return container;
		}, (handlers) -> new TaskMessageListener(handlers, codec, resultStore, deadLetterPublisher, settings,
				CompositeTaskObserver.of(observers.orderedStream().toList()), schedule,
				deadLetterStore.getIfAvailable(), revocationStore, runningTasks, rateLimiter, exclusiveLocks,
				redeliveryCounter));
		registry.setEndpointCustomizer((declared) -> {
			TaskqProperties.Task configured = properties.getTasks().get(declared.name());
			return (configured != null) ? configured.applyTo(declared) : declared;
		});
		registry.setExclusivePolicyOverrides((task, declared) -> {
			TaskqProperties.Task configured = properties.getTasks().get(task);
			return (configured != null) ? configured.applyTo(task, declared) : declared;
		});
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	RunningTasks taskqRunningTasks() {
		return new RunningTasks();
	}

	@Bean
	@ConditionalOnMissingBean
	RevocationSubscriber taskqRevocationSubscriber(RedisConnectionFactory redisConnectionFactory,
			RevocationStore revocationStore, RunningTasks runningTasks) {
		return new RevocationSubscriber(redisConnectionFactory, revocationStore, runningTasks);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.worker.remote-control", matchIfMissing = true)
	CeleryRemoteControl taskqCeleryRemoteControl(ConnectionFactory connectionFactory,
			ObjectProvider<AmqpAdmin> amqpAdmin, TaskqNode node, RevocationStore revocationStore) {
		return new CeleryRemoteControl(connectionFactory,
				amqpAdmin.getIfAvailable(() -> new RabbitAdmin(connectionFactory)), node.name(),
				TaskqAutoConfiguration.JSON, revocationStore);
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
