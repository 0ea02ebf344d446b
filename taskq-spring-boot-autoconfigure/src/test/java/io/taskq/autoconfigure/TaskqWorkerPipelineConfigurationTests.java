package io.taskq.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.broker.TaskBroker;
import io.taskq.broker.fake.RecordingTaskBroker;
import io.taskq.store.FailedTaskStore;
import io.taskq.store.LeaseStore;
import io.taskq.store.RateLimiter;
import io.taskq.store.RedeliveryCounter;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;
import io.taskq.store.fake.InMemoryFailedTaskStore;
import io.taskq.store.fake.InMemoryLeaseStore;
import io.taskq.store.fake.InMemoryRateLimiter;
import io.taskq.store.fake.InMemoryRedeliveryCounter;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.store.fake.InMemoryRevocationStore;
import io.taskq.store.fake.InMemoryTaskSchedule;
import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.OnConflict;
import io.taskq.worker.RateLimit;
import io.taskq.worker.TaskChains;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TestExecutions;
import io.taskq.worker.TestInterceptor;
import io.taskq.worker.step.DeliveryLeaseInterceptor;
import io.taskq.worker.step.EarlyAckInterceptor;
import io.taskq.worker.step.EtaInterceptor;
import io.taskq.worker.step.ExclusiveInterceptor;
import io.taskq.worker.step.ExpiredInterceptor;
import io.taskq.worker.step.PoisonMessageInterceptor;
import io.taskq.worker.step.RateLimitInterceptor;
import io.taskq.worker.step.RevokedInterceptor;
import io.taskq.worker.step.StartedStateInterceptor;
import io.taskq.worker.step.TerminationInterceptor;
import io.taskq.worker.step.TimeLimitInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the order of the worker's pipeline as {@link TaskqWorkerPipelineConfiguration} builds it, with the
 * stores and the broker in memory.
 */
class TaskqWorkerPipelineConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TaskqAutoConfiguration.class))
		.withUserConfiguration(InMemoryStores.class)
		.withPropertyValues("taskq.worker.track-started=true", "taskq.worker.remote-control=false",
				"taskq.schedule.promoter-enabled=false");

	@Test
	void theDefaultStepsFormTheChainInTheirNamedOrder() {
		this.contextRunner.run((context) -> assertThat(chainOfEveryStep(context))
			.extracting((step) -> (Object) step.getClass())
			.containsExactly(PoisonMessageInterceptor.class, RevokedInterceptor.class, ExpiredInterceptor.class,
					EtaInterceptor.class, ExclusiveInterceptor.class, RateLimitInterceptor.class,
					EarlyAckInterceptor.class, StartedStateInterceptor.class, DeliveryLeaseInterceptor.class,
					TimeLimitInterceptor.class, TerminationInterceptor.class));
	}

	@Test
	void aStepOfTheApplicationsOwnJoinsTheChainAtItsOrder() {
		this.contextRunner.withBean("ownStep", TaskInterceptor.class,
				() -> new TestInterceptor(TaskInterceptorOrder.RATE_LIMIT + 1, (execution, chain) -> chain
					.proceed(execution)))
			.run((context) -> assertThat(chainOfEveryStep(context)).extracting((step) -> (Object) step.getClass())
				.containsSubsequence(RateLimitInterceptor.class, TestInterceptor.class, EarlyAckInterceptor.class));
	}

	private static List<TaskInterceptor> chainOfEveryStep(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		TaskEndpoint everyStepApplies = TestExecutions.addEndpoint()
			.acksLate(false)
			.rateLimit(RateLimit.parse("10/s"))
			.exclusive(ExclusivePolicy.of(TestExecutions.ADD, "#a", OnConflict.RETRY, Duration.ofSeconds(30),
					Duration.ofSeconds(1)))
			.build();
		return new TaskChains(List.copyOf(context.getBeansOfType(TaskInterceptor.class).values()), List.of())
			.chainOf(everyStepApplies);
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryStores {

		@Bean
		ResultStore resultStore() {
			return new InMemoryResultStore();
		}

		@Bean
		TaskSchedule taskSchedule() {
			return new InMemoryTaskSchedule();
		}

		@Bean
		RevocationStore revocationStore() {
			return new InMemoryRevocationStore();
		}

		@Bean
		LeaseStore leaseStore() {
			return new InMemoryLeaseStore(Clock.systemUTC());
		}

		@Bean
		RateLimiter rateLimiter() {
			return new InMemoryRateLimiter(Clock.systemUTC());
		}

		@Bean
		FailedTaskStore failedTaskStore() {
			return new InMemoryFailedTaskStore();
		}

		@Bean
		RedeliveryCounter redeliveryCounter() {
			return new InMemoryRedeliveryCounter();
		}

		@Bean
		TaskBroker taskBroker() {
			return new RecordingTaskBroker();
		}

	}

}
