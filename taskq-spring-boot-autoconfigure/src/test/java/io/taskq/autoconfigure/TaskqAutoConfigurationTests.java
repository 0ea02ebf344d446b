package io.taskq.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.annotation.TaskHandler;
import io.taskq.annotation.TaskHandlerBeanPostProcessor;
import io.taskq.broker.rabbit.TaskPublisher;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskDispatcher;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;
import io.taskq.core.TaskSendListener;
import io.taskq.core.TaskSendPipeline;
import io.taskq.core.TaskTemplate;
import io.taskq.core.send.BrokerTaskDispatcher;
import io.taskq.core.send.IdempotencyInterceptor;
import io.taskq.core.send.ParentTaskInterceptor;
import io.taskq.core.send.RoutingInterceptor;
import io.taskq.core.send.SentAtInterceptor;
import io.taskq.core.send.SentStateInterceptor;
import io.taskq.protocol.TaskMessage;
import io.taskq.store.ResultStore;
import io.taskq.store.redis.RedisResultStore;
import io.taskq.worker.OnConflict;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class TaskqAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
					TaskqAutoConfiguration.class));

	@Test
	void defaultsGiveProducerResultStoreAndWorker() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TaskOperations.class);
			assertThat(context.getBean(TaskOperations.class)).isInstanceOf(TaskTemplate.class);
			assertThat(context).hasSingleBean(RedisResultStore.class);
			assertThat(context).hasSingleBean(TaskPublisher.class);
			assertThat(context).hasSingleBean(TaskEndpointRegistry.class);
			assertThat(context).hasSingleBean(TaskHandlerBeanPostProcessor.class);
			assertThat(context.getBean(TaskRoutes.class).defaultQueue()).isEqualTo("celery");
			assertThat(context.getBean(TaskqNode.class).name()).startsWith("taskq-").contains("@");
		});
	}

	@Test
	void sendsThroughTaskqsStepsInTheirOrder() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(TaskSendPipeline.class).chain()).extracting(Object::getClass)
				.containsExactly(IdempotencyInterceptor.class, RoutingInterceptor.class, ParentTaskInterceptor.class,
						SentAtInterceptor.class, SentStateInterceptor.class);
			assertThat(context).getBean(TaskDispatcher.class).isInstanceOf(BrokerTaskDispatcher.class);
		});
	}

	@Test
	void sentStateIsNotStoredWhenTrackSentIsOff() {
		this.contextRunner.withPropertyValues("taskq.result.track-sent=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SentStateInterceptor.class);
			assertThat(context.getBean(TaskSendPipeline.class).chain()).extracting(Object::getClass)
				.containsExactly(IdempotencyInterceptor.class, RoutingInterceptor.class, ParentTaskInterceptor.class,
						SentAtInterceptor.class);
		});
	}

	@Test
	void sendInterceptorsListenersAndADispatcherOfTheUserJoinThePipeline() {
		this.contextRunner.withUserConfiguration(UserSendPipeline.class)
			.withPropertyValues("taskq.result.track-sent=false", "taskq.worker.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(BrokerTaskDispatcher.class);
				assertThat(context.getBean(TaskSendPipeline.class).chain()).extracting(Object::getClass)
					.containsExactly(IdempotencyInterceptor.class, RoutingInterceptor.class,
							ParentTaskInterceptor.class, SentAtInterceptor.class, TenantInterceptor.class);
				String id = context.getBean(TaskOperations.class).send("reports.build", 42).id();
				UserSendPipeline user = context.getBean(UserSendPipeline.class);
				assertThat(user.dispatched).singleElement().satisfies((message) -> {
					assertThat(message.id()).isEqualTo(id);
					assertThat(message.extraHeaders()).containsEntry("tenant", "acme")
						.containsKey(TaskTemplate.SENT_AT_HEADER);
				});
				assertThat(user.told).containsExactly(id);
			});
	}

	@Test
	void aStepOfTheUserReplacesTaskqsOfItsType() {
		this.contextRunner.withUserConfiguration(UserRouting.class).run((context) -> {
			assertThat(context).getBean(RoutingInterceptor.class).isSameAs(context.getBean("userRouting"));
			assertThat(context.getBean(TaskSendPipeline.class).chain()).hasSize(5)
				.contains(context.getBean("userRouting", RoutingInterceptor.class));
		});
	}

	@Test
	void renamedKeyPrefixPropertiesFailStartUpNamingTheirReplacement() {
		this.contextRunner.withPropertyValues("taskq.schedule.key-prefix=app:").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("'taskq.schedule.key-prefix' is no longer read: use 'taskq.redis.key-prefix' instead");
		});
	}

	@Test
	void renamedFailedTaskPropertiesFailStartUpNamingTheirReplacement() {
		this.contextRunner.withPropertyValues("taskq.dead-letter.retention=1d").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("'taskq.dead-letter.retention' is no longer read: use 'taskq.failed-tasks.retention' instead");
		});
	}

	@Test
	void workerCanBeSwitchedOffForProducerOnlyApplications() {
		this.contextRunner.withPropertyValues("taskq.worker.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(TaskOperations.class);
			assertThat(context).doesNotHaveBean(TaskEndpointRegistry.class);
			assertThat(context).doesNotHaveBean(TaskHandlerBeanPostProcessor.class);
		});
	}

	@Test
	void backsOffFromUserTaskOperations() {
		this.contextRunner.withUserConfiguration(UserOperations.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskOperations.class);
			assertThat(context).doesNotHaveBean(TaskTemplate.class);
			assertThat(context).hasBean("userOperations");
		});
	}

	@Test
	void backsOffFromUserResultStore() {
		this.contextRunner.withUserConfiguration(UserResultStore.class).run((context) -> {
			assertThat(context).hasSingleBean(ResultStore.class);
			assertThat(context).doesNotHaveBean(RedisResultStore.class);
		});
	}

	@Test
	void backsOffWithoutSpringRabbit() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RabbitTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TaskOperations.class));
	}

	@Test
	void bindsPerTaskQueuesWithDottedNames() {
		this.contextRunner
			.withPropertyValues("taskq.default-queue=main", "taskq.tasks[thumbnails.generate].queue=images",
					"taskq.node-name=worker-7@host")
			.run((context) -> {
				TaskRoutes routes = context.getBean(TaskRoutes.class);
				assertThat(routes.queueFor("thumbnails.generate")).isEqualTo("images");
				assertThat(routes.queueFor("other")).isEqualTo("main");
				assertThat(context.getBean(TaskqNode.class).name()).isEqualTo("worker-7@host");
			});
	}

	@Test
	void bindsPerTaskPriorities() {
		this.contextRunner.withPropertyValues("taskq.tasks[reports.build].priority=9").run((context) -> {
			TaskRoutes routes = context.getBean(TaskRoutes.class);
			assertThat(routes.priorityFor("reports.build")).isEqualTo(9);
			assertThat(routes.priorityFor("other")).isNull();
		});
	}

	@Test
	void invalidRateLimitFailsStartupNamingTheTask() {
		this.contextRunner.withPropertyValues("taskq.tasks[emails.send].rate-limit=fast")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("taskq.tasks.emails.send.rate-limit of task 'emails.send'")
				.hasMessageContaining("Invalid rate limit 'fast'"));
	}

	@Test
	void priorityOutOfRangeFailsStartup() {
		this.contextRunner.withPropertyValues("taskq.queue-max-priority=256")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("taskq.queue-max-priority must be between 0 and 255"));
	}

	@Test
	void resultExpiryBelowOneSecondFailsStartup() {
		this.contextRunner.withPropertyValues("taskq.result.expires=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("taskq.result.expires must be at least one second"));
	}

	@Test
	void twoHandlersWithOneNameFailStartupNamingBothBeans() {
		this.contextRunner.withUserConfiguration(DuplicateHandlers.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("'dup.task'")
				.hasMessageContaining("bean 'first'")
				.hasMessageContaining("bean 'second'"));
	}

	@Test
	void invalidExclusiveKeyFailsStartupNamingTheTask() {
		this.contextRunner.withUserConfiguration(ExclusiveHandlerConfiguration.class)
			.withPropertyValues("taskq.tasks[reports.render].exclusive-key=#reportId +")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Exclusive key '#reportId +' of task 'reports.render' is not a valid SpEL"));
	}

	@Test
	void bindsPerTaskExclusiveAndIdempotencySettings() {
		Map<String, String> properties = Map.of("taskq.tasks[reports.render].exclusive-key", "#format",
				"taskq.tasks[reports.render].on-conflict", "skip", "taskq.tasks[reports.render].exclusive-lease",
				"5s", "taskq.tasks[reports.render].conflict-retry-delay", "250ms",
				"taskq.tasks[reports.render].idempotency-window", "1h");
		TaskqProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bind("taskq", TaskqProperties.class)
			.get();
		TaskqProperties.Task task = bound.getTasks().get("reports.render");
		assertThat(task.getIdempotencyWindow()).isEqualTo(Duration.ofHours(1));
		assertThat(task.getExclusiveKey()).isEqualTo("#format");
		assertThat(task.getOnConflict()).isEqualTo(OnConflict.SKIP);
		assertThat(task.getExclusiveLease()).isEqualTo(Duration.ofSeconds(5));
		assertThat(task.getConflictRetryDelay()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void perTaskPropertiesOverrideTheHandlersOwnSettings() {
		this.contextRunner.withUserConfiguration(ExclusiveHandlerConfiguration.class)
			.withPropertyValues("taskq.tasks[reports.render].exclusive-key=#reportId % 10",
					"taskq.tasks[reports.render].max-retries=7")
			.run((context) -> {
				TaskEndpoint endpoint = context.getBean(TaskEndpointRegistry.class).getEndpoint("reports.render");
				assertThat(endpoint.exclusive().key()).isEqualTo("#reportId % 10");
				assertThat(endpoint.exclusive().onConflict()).isEqualTo(OnConflict.SKIP);
				assertThat(endpoint.retryPolicy().maxRetries()).isEqualTo(7);
			});
	}

	@Test
	void unknownConflictOptionFailsBinding() {
		Binder binder = new Binder(new MapConfigurationPropertySource(
				Map.of("taskq.tasks[reports.render].on-conflict", "wait")));
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder.bind("taskq", TaskqProperties.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ExclusiveHandlerConfiguration {

		@Bean
		ExclusiveHandler exclusiveHandler() {
			return new ExclusiveHandler();
		}

	}

	static class ExclusiveHandler {

		@TaskHandler(name = "reports.render", exclusiveKey = "#reportId", onConflict = OnConflict.SKIP)
		void render(long reportId) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSendPipeline {

		final List<TaskMessage> dispatched = new CopyOnWriteArrayList<>();

		final List<String> told = new CopyOnWriteArrayList<>();

		@Bean
		TenantInterceptor tenantInterceptor() {
			return new TenantInterceptor();
		}

		@Bean
		TaskDispatcher userDispatcher() {
			return (task) -> this.dispatched.add(task.message());
		}

		@Bean
		TaskSendListener userListener() {
			return (task) -> this.told.add(task.taskId());
		}

	}

	static class TenantInterceptor implements TaskSendInterceptor {

		@Override
		public TaskHandle intercept(OutgoingTask task, Chain chain) {
			task.messageBuilder().header("tenant", "acme");
			return chain.proceed(task);
		}

		@Override
		public int getOrder() {
			return TaskSendInterceptorOrder.SENT_AT + 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRouting {

		@Bean
		RoutingInterceptor userRouting() {
			return new RoutingInterceptor(new TaskRoutes("user-default", Map.of(), Map.of()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOperations {

		@Bean
		TaskOperations userOperations() {
			return mock(TaskOperations.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResultStore {

		@Bean
		ResultStore userResultStore() {
			return mock(ResultStore.class);
		}

	}

	static class Handler {

		@TaskHandler("dup.task")
		void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateHandlers {

		@Bean
		Handler first() {
			return new Handler();
		}

		@Bean
		Handler second() {
			return new Handler();
		}

	}

}
