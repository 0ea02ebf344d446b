package io.taskq.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.broker.rabbit.TaskPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The publisher's connection without Boot's RabbitMQ auto-configuration: on the application's connection factory.
 */
class TaskqBrokerConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, TaskqAutoConfiguration.class))
		.withPropertyValues("taskq.worker.enabled=false", "taskq.schedule.promoter-enabled=false");

	@Test
	void publisherOpensTheUnderlyingFactoryOfTheApplicationsConnectionFactory() {
		this.contextRunner.withUserConfiguration(ApplicationConnectionFactory.class)
			.run((context) -> assertThat(context).hasSingleBean(TaskPublisher.class));
	}

	@Test
	void connectionFactoryWithoutAnUnderlyingFactoryFailsStartupAskingForAPublisher() {
		this.contextRunner.withUserConfiguration(OpaqueConnectionFactory.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("taskq cannot open a publisher connection from")
				.hasMessageContaining("define a TaskPublisher bean"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationConnectionFactory {

		@Bean
		CachingConnectionFactory applicationConnectionFactory() {
			return new CachingConnectionFactory("127.0.0.1");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OpaqueConnectionFactory {

		@Bean
		ConnectionFactory opaqueConnectionFactory() {
			return mock(ConnectionFactory.class);
		}

	}

}
