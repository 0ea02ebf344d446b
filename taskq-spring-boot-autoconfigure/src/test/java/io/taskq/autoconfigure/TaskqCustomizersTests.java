package io.taskq.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.DeliveryHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.protocol.WireMessage;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's hooks: {@code *Customizer} beans. The worker consumes through a broker that never delivers.
 */
class TaskqCustomizersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TaskqAutoConfiguration.class))
		.withUserConfiguration(SilentBrokerConfiguration.class)
		.withPropertyValues("taskq.worker.remote-control=false", "taskq.schedule.promoter-enabled=false");

	@Test
	void endpointCustomizersApplyInOrderAfterTheTaskProperties() {
		this.contextRunner.withUserConfiguration(BillingHandlerConfiguration.class, EndpointCustomizers.class)
			.withPropertyValues("taskq.tasks[billing.charge].max-retries=7")
			.run((context) -> {
				TaskEndpoint endpoint = context.getBean(TaskEndpointRegistry.class).getEndpoint("billing.charge");
				assertThat(endpoint.retryPolicy().maxRetries()).isEqualTo((7 + 1) * 2);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class SilentBrokerConfiguration {

		@Bean
		TaskBroker silentBroker() {
			return new SilentBroker();
		}

	}

	static class SilentBroker implements TaskBroker {

		@Override
		public void declare(String queue) {
		}

		@Override
		public void publish(String taskId, String queue, WireMessage message) {
			throw new UnsupportedOperationException("Nothing is sent in these tests");
		}

		@Override
		public QueueConsumer consume(String queue, DeliveryHandler handler) {
			return new QueueConsumer() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int activeConsumers() {
					return this.running ? 1 : 0;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BillingHandlerConfiguration {

		@Bean
		BillingHandler billingHandler() {
			return new BillingHandler();
		}

	}

	static class BillingHandler {

		@TaskHandler("billing.charge")
		void charge(int count) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndpointCustomizers {

		@Bean
		@Order(2)
		TaskEndpointCustomizer doubleRetries() {
			return (endpoint) -> withMaxRetries(endpoint, endpoint.retryPolicy().maxRetries() * 2);
		}

		@Bean
		@Order(1)
		TaskEndpointCustomizer oneMoreRetry() {
			return (endpoint) -> withMaxRetries(endpoint, endpoint.retryPolicy().maxRetries() + 1);
		}

		private static TaskEndpoint withMaxRetries(TaskEndpoint endpoint, int maxRetries) {
			RetryPolicy retry = endpoint.retryPolicy();
			return new TaskEndpoint(endpoint.name(), endpoint.queue(), endpoint.beanName(), endpoint.bean(),
					endpoint.method(), endpoint.storeResult(),
					new RetryPolicy(retry.retryOn(), maxRetries, retry.delay(), retry.backoff(), retry.backoffMax(),
							retry.jitter()),
					endpoint.timeLimits(), endpoint.acksLate(), endpoint.rateLimit(), endpoint.exclusive(),
					endpoint.resultExpires());
		}

	}

}
