package io.taskq.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import io.taskq.core.CompositeTaskObserver;
import io.taskq.core.IdempotencyStore;
import io.taskq.core.TaskObserver;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskPublisher;
import io.taskq.core.TaskQueueDeclarer;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskTemplate;
import io.taskq.deadletter.RedisDeadLetterStore;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.CeleryResultFormat;
import io.taskq.result.RedisResultStore;
import io.taskq.result.ResultStore;
import io.taskq.revoke.RevocationStore;
import io.taskq.schedule.RedisTaskSchedule;
import io.taskq.schedule.ScheduledTaskPromoter;

/**
 * Auto-configuration of taskq: the {@link TaskOperations} producer, the Redis {@link ResultStore}, and (unless
 * {@code taskq.worker.enabled=false}) the worker pool running {@code @TaskHandler} methods.
 */
@AutoConfiguration(after = { RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RabbitTemplate.class, RedisConnectionFactory.class })
@EnableConfigurationProperties(TaskqProperties.class)
@Import(TaskqWorkerConfiguration.class)
public final class TaskqAutoConfiguration {

	/**
	 * taskq's own JSON mapper: plain Jackson defaults, no default typing, so message data never selects a
	 * Java type.
	 */
	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Properties renamed before 1.0, by their replacement: setting one fails start-up rather than being ignored. */
	private static final Map<String, String> RENAMED = Map.of("taskq.schedule.key-prefix", "taskq.redis.key-prefix",
			"taskq.rate-limit.key-prefix", "taskq.redis.key-prefix");

	TaskqAutoConfiguration(Environment environment) {
		RENAMED.forEach((old, replacement) -> {
			if (environment.containsProperty(old)) {
				throw new IllegalStateException("'" + old + "' is no longer read: use '" + replacement + "' instead");
			}
		});
	}

	@Bean
	@ConditionalOnMissingBean
	TaskqNode taskqNode(TaskqProperties properties) {
		String nodeName = properties.getNodeName();
		return new TaskqNode((nodeName != null) ? nodeName
				: "taskq-" + ManagementFactory.getRuntimeMXBean().getPid() + "@" + hostName());
	}

	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	@Bean
	@ConditionalOnMissingBean
	TaskMessageCodec taskMessageCodec() {
		return new TaskMessageCodec(JSON);
	}

	@Bean
	@ConditionalOnMissingBean(ResultStore.class)
	RedisResultStore taskqResultStore(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		Assert.isTrue(properties.getResult().getExpires().toSeconds() >= 1,
				"taskq.result.expires must be at least one second: every key taskq writes expires");
		return new RedisResultStore(redisConnectionFactory, new CeleryResultFormat(JSON),
				properties.getResult().getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRoutes taskRoutes(TaskqProperties properties) {
		Map<String, String> queues = new LinkedHashMap<>();
		Map<String, Integer> priorities = new LinkedHashMap<>();
		properties.getTasks().forEach((name, task) -> {
			if (task.getQueue() != null && !task.getQueue().isBlank()) {
				queues.put(name, task.getQueue());
			}
			if (task.getPriority() != null) {
				priorities.put(name, checkPriority(task.getPriority(), "taskq.tasks." + name + ".priority"));
			}
		});
		return new TaskRoutes(properties.getDefaultQueue(), queues, priorities);
	}

	private static int checkPriority(int priority, String property) {
		Assert.isTrue(priority >= 0 && priority <= 255, () -> property + " must be between 0 and 255");
		return priority;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskQueueDeclarer taskQueueDeclarer(ObjectProvider<AmqpAdmin> amqpAdmin, ConnectionFactory connectionFactory,
			TaskqProperties properties) {
		Map<String, Map<String, Object>> arguments = new LinkedHashMap<>();
		properties.getQueues().forEach((name, queue) -> {
			if (queue.getMaxPriority() != null) {
				arguments.put(name, Map.of("x-max-priority",
						checkPriority(queue.getMaxPriority(), "taskq.queues." + name + ".max-priority")));
			}
		});
		Integer maxPriority = properties.getQueueMaxPriority();
		Map<String, Object> defaults = (maxPriority != null)
				? Map.of("x-max-priority", checkPriority(maxPriority, "taskq.queue-max-priority")) : Map.of();
		return new TaskQueueDeclarer(amqpAdmin.getIfAvailable(() -> new RabbitAdmin(connectionFactory)),
				(queue) -> arguments.getOrDefault(queue, defaults));
	}

	/**
	 * The publisher has a connection of its own with simple publisher confirms, configured from
	 * {@code spring.rabbitmq.*} like Boot's, so a send either is confirmed or fails whatever the application's
	 * own confirm settings are. Without Boot's configurers (an application-defined connection factory) it
	 * opens that factory's underlying RabbitMQ connection factory.
	 */
	@Bean
	@ConditionalOnMissingBean
	TaskPublisher taskPublisher(TaskqProperties properties, ConnectionFactory connectionFactory,
			ObjectProvider<RabbitConnectionFactoryBeanConfigurer> connectionFactoryBeanConfigurer,
			ObjectProvider<CachingConnectionFactoryConfigurer> cachingConnectionFactoryConfigurer) throws Exception {
		CachingConnectionFactory publisherConnectionFactory;
		RabbitConnectionFactoryBeanConfigurer beanConfigurer = connectionFactoryBeanConfigurer.getIfAvailable();
		CachingConnectionFactoryConfigurer cachingConfigurer = cachingConnectionFactoryConfigurer.getIfAvailable();
		if (beanConfigurer != null && cachingConfigurer != null) {
			RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
			beanConfigurer.configure(factoryBean);
			factoryBean.afterPropertiesSet();
			publisherConnectionFactory = new CachingConnectionFactory(factoryBean.getObject());
			cachingConfigurer.configure(publisherConnectionFactory);
		}
		else if (connectionFactory instanceof AbstractConnectionFactory abstractFactory) {
			publisherConnectionFactory = new CachingConnectionFactory(abstractFactory.getRabbitConnectionFactory());
		}
		else {
			throw new IllegalStateException("taskq cannot open a publisher connection from "
					+ connectionFactory.getClass().getName() + "; define a TaskPublisher bean");
		}
		publisherConnectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		publisherConnectionFactory.setPublisherReturns(true);
		publisherConnectionFactory.setConnectionNameStrategy((factory) -> "taskq-publisher");
		publisherConnectionFactory.setBeanName("taskqPublisherConnectionFactory");
		return new TaskPublisher(publisherConnectionFactory, properties.getPublisher().getConfirmTimeout(), true);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisTaskSchedule taskqSchedule(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		return new RedisTaskSchedule(new StringRedisTemplate(redisConnectionFactory), JSON,
				properties.getRedis().getKeyPrefix(), properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.schedule.promoter-enabled", matchIfMissing = true)
	ScheduledTaskPromoter taskqScheduledTaskPromoter(RedisTaskSchedule schedule, TaskPublisher publisher,
			TaskQueueDeclarer queueDeclarer, TaskqProperties properties) {
		TaskqProperties.Schedule settings = properties.getSchedule();
		return new ScheduledTaskPromoter(schedule, publisher, queueDeclarer, settings.getPollInterval(),
				settings.getLease(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.dead-letter.enabled", matchIfMissing = true)
	RedisDeadLetterStore taskqDeadLetterStore(RedisConnectionFactory redisConnectionFactory,
			TaskqProperties properties, TaskMessageCodec codec, TaskPublisher publisher,
			TaskQueueDeclarer queueDeclarer, ResultStore resultStore) {
		return new RedisDeadLetterStore(new StringRedisTemplate(redisConnectionFactory), JSON, codec, publisher,
				queueDeclarer, resultStore, properties.getRedis().getKeyPrefix(),
				properties.getDeadLetter().getRetention(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	RevocationStore taskqRevocationStore(RedisConnectionFactory redisConnectionFactory, ResultStore resultStore,
			TaskqProperties properties) {
		return new RevocationStore(new StringRedisTemplate(redisConnectionFactory), resultStore,
				properties.getRedis().getKeyPrefix(), properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotencyStore taskqIdempotencyStore(RedisConnectionFactory redisConnectionFactory,
			TaskqProperties properties) {
		return new IdempotencyStore(new StringRedisTemplate(redisConnectionFactory),
				properties.getRedis().getKeyPrefix(), (task) -> {
					TaskqProperties.Task configured = properties.getTasks().get(task);
					return (configured != null && configured.getIdempotencyWindow() != null)
							? configured.getIdempotencyWindow() : properties.getResult().getExpires();
				});
	}

	@Bean
	@ConditionalOnMissingBean(TaskOperations.class)
	TaskTemplate taskTemplate(TaskPublisher publisher, TaskMessageCodec codec, TaskQueueDeclarer queueDeclarer,
			TaskRoutes routes, ResultStore resultStore, TaskqNode node, ObjectProvider<TaskObserver> observers,
			RedisTaskSchedule schedule, RevocationStore revocationStore, IdempotencyStore idempotencyStore,
			TaskqProperties properties) {
		TaskTemplate template = new TaskTemplate(publisher, codec, queueDeclarer, routes, resultStore, JSON,
				node.name(), CompositeTaskObserver.of(observers.orderedStream().toList()), schedule, revocationStore,
				idempotencyStore);
		if (properties.getResult().isTrackSent()) {
			template.setSentStateExpires(properties.getResult().getExpires());
		}
		return template;
	}

}
