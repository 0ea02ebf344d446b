package io.taskq.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
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
import org.springframework.util.Assert;

import io.taskq.broker.TaskBroker;
import io.taskq.core.FailedTaskOperations;
import io.taskq.core.FailedTaskTemplate;
import io.taskq.core.IdempotencyKeys;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskSendPipeline;
import io.taskq.core.TaskTemplate;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.schedule.ScheduledTaskPromoter;
import io.taskq.store.FailedTaskStore;
import io.taskq.store.LeaseStore;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;


/**
 * Auto-configuration of taskq: the {@link TaskOperations} producer, the Redis {@link ResultStore}, and (unless
 * {@code taskq.worker.enabled=false}) the worker pool running {@code @TaskHandler} methods.
 */
@AutoConfiguration(after = { RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RabbitTemplate.class, RedisConnectionFactory.class })
@EnableConfigurationProperties(TaskqProperties.class)
@Import({ TaskqJsonConfiguration.class, TaskqStoreConfiguration.class, TaskqBrokerConfiguration.class,
		TaskqSendConfiguration.class, TaskqWorkerConfiguration.class, TaskqBeatConfiguration.class })
public final class TaskqAutoConfiguration {

	/**
	 * taskq's own JSON mapper: plain Jackson defaults, no default typing, so message data never selects a
	 * Java type.
	 */
	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Properties renamed before 1.0, by their replacement: setting one fails start-up rather than being ignored. */
	private static final Map<String, String> RENAMED = Map.of("taskq.schedule.key-prefix", "taskq.redis.key-prefix",
			"taskq.rate-limit.key-prefix", "taskq.redis.key-prefix", "taskq.dead-letter.enabled",
			"taskq.failed-tasks.enabled", "taskq.dead-letter.retention", "taskq.failed-tasks.retention");

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
	@ConditionalOnMissingBean
	TaskRoutes taskRoutes(TaskqProperties properties) {
		return TaskRoutesFactory.create(properties);
	}

	static int checkPriority(int priority, String property) {
		Assert.isTrue(priority >= 0 && priority <= 255, () -> property + " must be between 0 and 255");
		return priority;
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotencyKeys taskqIdempotencyKeys(LeaseStore leases, TaskqProperties properties) {
		return new IdempotencyKeys(leases, (task) -> {
			TaskqProperties.Task configured = properties.getTasks().get(task);
			return (configured != null && configured.getIdempotencyWindow() != null)
					? configured.getIdempotencyWindow() : properties.getResult().getExpires();
		});
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.schedule.promoter-enabled", matchIfMissing = true)
	ScheduledTaskPromoter taskqScheduledTaskPromoter(TaskSchedule schedule, TaskBroker broker,
			TaskqProperties properties, Environment environment) {
		TaskqProperties.Schedule settings = properties.getSchedule();
		return new ScheduledTaskPromoter(schedule, broker, settings.getPollInterval(), settings.getLease(),
				Clock.systemUTC(), TaskqThreads.of(environment, "taskq-promoter-"));
	}

	@Bean
	@ConditionalOnMissingBean(FailedTaskOperations.class)
	@ConditionalOnBooleanProperty(name = "taskq.failed-tasks.enabled", matchIfMissing = true)
	FailedTaskTemplate taskqFailedTaskOperations(FailedTaskStore failedTasks, TaskMessageCodec codec,
			TaskBroker broker, ResultStore resultStore) {
		return new FailedTaskTemplate(failedTasks, codec, broker, resultStore);
	}

	/**
	 * The template turns arguments into JSON and reads results back with the same mapper as the worker binds
	 * arguments with: the application's Jackson modules apply, and so do taskq's strict rules (a result is never
	 * read as a type that would change it).
	 */
	@Bean
	@ConditionalOnMissingBean(TaskOperations.class)
	TaskTemplate taskTemplate(TaskSendPipeline pipeline, ResultStore resultStore, RevocationStore revocationStore,
			TaskqNode node, @Qualifier(TaskqJsonConfiguration.JSON_MAPPER) JsonMapper jsonMapper) {
		return new TaskTemplate(pipeline, resultStore, revocationStore, jsonMapper, node.name());
	}

}
