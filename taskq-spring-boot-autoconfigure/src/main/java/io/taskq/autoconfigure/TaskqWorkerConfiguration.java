package io.taskq.autoconfigure;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
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
import io.taskq.listener.TaskEndpointRegistry;
import io.taskq.listener.TaskMessageListener;
import io.taskq.listener.TaskWorkerSettings;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.ResultStore;
import io.taskq.schedule.RedisTaskSchedule;

/**
 * The worker pool: finds {@code @TaskHandler} methods and consumes their queues. Off with
 * {@code taskq.worker.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "taskq.worker.enabled", matchIfMissing = true)
class TaskqWorkerConfiguration {

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

	@Bean
	@ConditionalOnMissingBean
	ExclusiveLocks taskqExclusiveLocks(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		return new ExclusiveLocks(new StringRedisTemplate(redisConnectionFactory),
				properties.getSchedule().getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskEndpointRegistry taskEndpointRegistry(TaskqProperties properties, TaskRoutes routes,
			TaskQueueDeclarer queueDeclarer, ConnectionFactory connectionFactory,
			ObjectProvider<SimpleRabbitListenerContainerFactoryConfigurer> configurer, TaskMessageCodec codec,
			ResultStore resultStore, DeadLetterPublisher deadLetterPublisher, TaskqNode node,
			ObjectProvider<TaskObserver> observers, RedisTaskSchedule schedule,
			ObjectProvider<RedisDeadLetterStore> deadLetterStore, ExclusiveLocks exclusiveLocks) {
		TaskqProperties.Worker worker = properties.getWorker();
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.ifAvailable((bootConfigurer) -> bootConfigurer.configure(factory, connectionFactory));
		factory.setConnectionFactory(connectionFactory);
		factory.setAdviceChain();
		factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
		factory.setDefaultRequeueRejected(true);
		factory.setConcurrentConsumers(worker.getConcurrency());
		factory.setMaxConcurrentConsumers(
				(worker.getMaxConcurrency() != null) ? worker.getMaxConcurrency() : worker.getConcurrency());
		factory.setPrefetchCount(worker.getPrefetch());
		factory.setMissingQueuesFatal(false);
		TaskWorkerSettings settings = new TaskWorkerSettings(node.name(), worker.isTrackStarted(),
				properties.getResult().getExpires(), properties.getResult().isExtended(),
				worker.getMaxMessageSize().toBytes());
		TaskEndpointRegistry registry = new TaskEndpointRegistry(routes, queueDeclarer, TaskqAutoConfiguration.JSON, (queue) -> {
			SimpleMessageListenerContainer container = factory.createListenerContainer();
			container.setShutdownTimeout(worker.getShutdownTimeout().toMillis());
			// On stop, finish the running task only; prefetched, unstarted messages go back to the queue.
			container.setForceStop(true);
			container.setListenerId("taskq-" + queue);
			return container;
		}, (handlers) -> new TaskMessageListener(handlers, codec, resultStore, deadLetterPublisher, settings,
				CompositeTaskObserver.of(observers.orderedStream().toList()), schedule,
				deadLetterStore.getIfAvailable(), exclusiveLocks));
		registry.setRetryPolicyOverrides((task, declared) -> {
			TaskqProperties.Task configured = properties.getTasks().get(task);
			return (configured != null) ? configured.applyTo(declared) : declared;
		});
		registry.setExclusivePolicyOverrides((task, declared) -> {
			TaskqProperties.Task configured = properties.getTasks().get(task);
			return (configured != null) ? configured.applyTo(task, declared) : declared;
		});
		return registry;
	}

}
