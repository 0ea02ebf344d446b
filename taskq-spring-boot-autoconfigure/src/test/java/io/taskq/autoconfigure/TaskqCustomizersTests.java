package io.taskq.autoconfigure;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.broker.fake.RecordingTaskBroker;
import io.taskq.broker.rabbit.RabbitListenerContainers;
import io.taskq.broker.rabbit.TaskPublisher;
import io.taskq.protocol.TaskMessage;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskArgumentException;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskEndpointRegistry;
import io.taskq.worker.TaskMethodInvoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The user's hooks: {@code *Customizer} beans. The worker consumes through a broker that never delivers.
 */
class TaskqCustomizersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	@Test
	void jsonMapperCustomizersBindHandlerParametersOfTheApplicationsOwnTypes() {
		this.contextRunner.withUserConfiguration(BillingHandlerConfiguration.class, MoneyModule.class)
			.run((context) -> {
				TaskMethodInvoker invoker = context.getBean(TaskEndpointRegistry.class)
					.task("billing.charge")
					.invoker();
				assertThat(invoker.arguments(charge(JSON.createArrayNode().add("12.50 EUR").add(2))))
					.containsExactly(entry("amount", new Money(1250, "EUR")), entry("count", 2));
			});
	}

	@Test
	void argumentRulesOutlastJsonMapperCustomizers() {
		this.contextRunner.withUserConfiguration(BillingHandlerConfiguration.class, MoneyModule.class)
			.run((context) -> {
				TaskMethodInvoker invoker = context.getBean(TaskEndpointRegistry.class)
					.task("billing.charge")
					.invoker();
				assertThatExceptionOfType(TaskArgumentException.class)
					.isThrownBy(() -> invoker.arguments(charge(JSON.createArrayNode().add("12.50 EUR").add(2.5))))
					.withMessageContaining("floating-point number into an integer type");
			});
	}

	@Test
	void taskqJsonMapperLeavesTheApplicationsJsonMapperAlone() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withUserConfiguration(MoneyModule.class, JsonMapperUser.class)
			.run((context) -> {
				JsonMapper applicationMapper = context.getBean(JsonMapperUser.Holder.class).mapper();
				assertThat(applicationMapper).isNotSameAs(context.getBean("taskqJsonMapper"));
				assertThat(applicationMapper.convertValue(2.5, int.class)).isEqualTo(2);
			});
	}

	@Test
	void containerCustomizersApplyInOrderToEveryContainerAfterTaskqSettings() {
		this.contextRunner.withUserConfiguration(ContainerCustomizers.class).run((context) -> {
			AbstractMessageListenerContainer container = context.getBean(RabbitListenerContainers.class)
				.create("reports");
			assertThat(container.getListenerId()).isEqualTo("taskq-reports-first-second");
		});
	}

	@Test
	void connectionFactoryCustomizersApplyToThePublishersConnectionToo() {
		this.contextRunner.withUserConfiguration(RecordingConnectionFactoryCustomizer.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskPublisher.class);
			assertThat(context.getBean(RecordingConnectionFactoryCustomizer.class).customized).hasSize(2)
				.doesNotHaveDuplicates();
		});
	}

	private static TaskMessage charge(ArrayNode args) {
		return TaskMessage.builder("billing.charge", "charge-1").args(args).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class SilentBrokerConfiguration {

		@Bean
		TaskBroker silentBroker() {
			return new RecordingTaskBroker();
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
		void charge(Money amount, int count) {
		}

	}

	record Money(long cents, String currency) {

	}

	/**
	 * Reads money written as {@code "12.50 EUR"}; lets floating-point numbers into integer types, which taskq's
	 * rules forbid whatever the customizers say.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MoneyModule {

		@Bean
		TaskqJsonMapperCustomizer moneyModule() {
			SimpleModule module = new SimpleModule("money");
			module.addDeserializer(Money.class, new ValueDeserializer<>() {

				@Override
				public Money deserialize(JsonParser parser, DeserializationContext context) {
					String[] parts = parser.getValueAsString().split(" ");
					return new Money(new BigDecimal(parts[0]).movePointRight(2).longValueExact(), parts[1]);
				}

			});
			return (builder) -> builder.addModule(module).enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerCustomizers {

		@Bean
		@Order(2)
		ContainerCustomizer<SimpleMessageListenerContainer> second() {
			return (container) -> container.setListenerId(container.getListenerId() + "-second");
		}

		@Bean
		@Order(1)
		ContainerCustomizer<SimpleMessageListenerContainer> first() {
			return (container) -> container.setListenerId(container.getListenerId() + "-first");
		}

	}

	/**
	 * Remembers each RabbitMQ connection factory it customizes: Boot's and taskq's publisher's.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RecordingConnectionFactoryCustomizer {

		final List<com.rabbitmq.client.ConnectionFactory> customized = new CopyOnWriteArrayList<>();

		@Bean
		ConnectionFactoryCustomizer recordingCustomizer() {
			return this.customized::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JsonMapperUser {

		@Bean
		Holder jsonMapperUser(JsonMapper mapper) {
			return new Holder(mapper);
		}

		record Holder(JsonMapper mapper) {

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
