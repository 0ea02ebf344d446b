package io.taskq.it;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.annotation.TaskHandler;
import io.taskq.autoconfigure.TaskqAutoConfiguration;
import io.taskq.broker.rabbit.RabbitListenerContainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of Boot's {@code spring.rabbitmq.listener.simple.*} settings reach taskq's listener containers, as the
 * README's table says: the ones taskq's guarantees depend on are its own whatever Boot's say, the others apply.
 */
class ListenerSettingsIntegrationTests {

	static final String QUEUE = TestQueues.unique("listener-settings");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TaskqAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("taskq.default-queue=" + QUEUE, "taskq.worker.concurrency=2",
				"taskq.worker.prefetch=3");

	@Test
	void taskqOwnsTheSettingsItsGuaranteesDependOnAndHonoursTheOthers() {
		this.runner
			.withPropertyValues("spring.rabbitmq.listener.simple.acknowledge-mode=auto",
					"spring.rabbitmq.listener.simple.prefetch=50", "spring.rabbitmq.listener.simple.concurrency=7",
					"spring.rabbitmq.listener.simple.default-requeue-rejected=false",
					"spring.rabbitmq.listener.simple.retry.enabled=true",
					"spring.rabbitmq.listener.simple.missing-queues-fatal=true",
					"spring.rabbitmq.listener.simple.force-stop=false",
					"spring.rabbitmq.listener.simple.consumer-batch-enabled=true",
					"spring.rabbitmq.listener.simple.batch-size=10",
					"spring.rabbitmq.listener.simple.idle-event-interval=42s")
			.run((context) -> {
				try {
					AbstractMessageListenerContainer container = context.getBean(RabbitListenerContainers.class)
						.create(QUEUE);
					DirectFieldAccessor fields = new DirectFieldAccessor(container);
					assertThat(container.getAcknowledgeMode()).isEqualTo(AcknowledgeMode.MANUAL);
					assertThat(fields.getPropertyValue("prefetchCount")).isEqualTo(3);
					assertThat(fields.getPropertyValue("concurrentConsumers")).isEqualTo(2);
					assertThat(fields.getPropertyValue("defaultRequeueRejected")).isEqualTo(true);
					assertThat((Object[]) fields.getPropertyValue("adviceChain")).isNullOrEmpty();
					assertThat(fields.getPropertyValue("missingQueuesFatal")).isEqualTo(false);
					assertThat(fields.getPropertyValue("forceStop")).isEqualTo(true);
					assertThat(fields.getPropertyValue("consumerBatchEnabled")).isEqualTo(false);
					assertThat(fields.getPropertyValue("batchSize")).isEqualTo(1);
					assertThat(fields.getPropertyValue("idleEventInterval")).isEqualTo(42_000L);
				}
				finally {
					context.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@TaskHandler("settings.echo")
		String echo(String value) {
			return value;
		}

	}

}
