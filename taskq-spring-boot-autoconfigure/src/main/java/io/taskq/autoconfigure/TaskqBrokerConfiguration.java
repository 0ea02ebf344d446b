package io.taskq.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.config.CompositeContainerCustomizer;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.broker.TaskBroker;
import io.taskq.broker.rabbit.RabbitListenerContainers;
import io.taskq.broker.rabbit.RabbitTaskBroker;
import io.taskq.broker.rabbit.TaskPublisher;
import io.taskq.broker.rabbit.TaskQueueDeclarer;

/**
 * The broker: RabbitMQ, through Boot's connection settings; replaceable by a {@link TaskBroker} bean.
 */
@Configuration(proxyBeanMethods = false)
class TaskqBrokerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskQueueDeclarer taskQueueDeclarer(ObjectProvider<AmqpAdmin> amqpAdmin, ConnectionFactory connectionFactory,
			TaskqProperties properties) {
		Map<String, Map<String, Object>> arguments = new LinkedHashMap<>();
		properties.getQueues().forEach((name, queue) -> {
			if (queue.getMaxPriority() != null) {
				arguments.put(name, Map.of("x-max-priority",
						TaskqAutoConfiguration.checkPriority(queue.getMaxPriority(), "taskq.queues." + name + ".max-priority")));
			}
		});
		Integer maxPriority = properties.getQueueMaxPriority();
		Map<String, Object> defaults = (maxPriority != null)
				? Map.of("x-max-priority", TaskqAutoConfiguration.checkPriority(maxPriority, "taskq.queue-max-priority")) : Map.of();
		return new TaskQueueDeclarer(amqpAdmin.getIfAvailable(() -> new RabbitAdmin(connectionFactory)),
				(queue) -> arguments.getOrDefault(queue, defaults));
	}

	/**
	 * The publisher has a connection of its own with simple publisher confirms, so a send either is confirmed or
	 * fails whatever the application's own confirm settings are.
	 */
	@Bean
	@ConditionalOnMissingBean
	TaskPublisher taskPublisher(TaskqProperties properties, ConnectionFactory connectionFactory,
			ObjectProvider<RabbitConnectionFactoryBeanConfigurer> connectionFactoryBeanConfigurer,
			ObjectProvider<CachingConnectionFactoryConfigurer> cachingConnectionFactoryConfigurer,
			ObjectProvider<ConnectionFactoryCustomizer> connectionFactoryCustomizers) throws Exception {
		CachingConnectionFactory publisherConnectionFactory = publisherConnectionFactory(connectionFactory,
				connectionFactoryBeanConfigurer.getIfAvailable(), cachingConnectionFactoryConfigurer.getIfAvailable(),
				connectionFactoryCustomizers);
		publisherConnectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		publisherConnectionFactory.setPublisherReturns(true);
		publisherConnectionFactory.setConnectionNameStrategy((factory) -> "taskq-publisher");
		publisherConnectionFactory.setBeanName("taskqPublisherConnectionFactory");
		return new TaskPublisher(publisherConnectionFactory, properties.getPublisher().getConfirmTimeout(), true);
	}

	/**
	 * A new connection factory configured from {@code spring.rabbitmq.*} and customized like Boot's; without
	 * Boot's configurers (an application-defined connection factory), one on that factory's underlying RabbitMQ
	 * connection factory.
	 */
	private static CachingConnectionFactory publisherConnectionFactory(ConnectionFactory connectionFactory,
			@Nullable RabbitConnectionFactoryBeanConfigurer beanConfigurer,
			@Nullable CachingConnectionFactoryConfigurer cachingConfigurer,
			ObjectProvider<ConnectionFactoryCustomizer> customizers) throws Exception {
		if (beanConfigurer != null && cachingConfigurer != null) {
			RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
			beanConfigurer.configure(factoryBean);
			factoryBean.afterPropertiesSet();
			com.rabbitmq.client.ConnectionFactory rabbitConnectionFactory = factoryBean.getObject();
			customizers.orderedStream().forEach((customizer) -> customizer.customize(rabbitConnectionFactory));
			CachingConnectionFactory configured = new CachingConnectionFactory(rabbitConnectionFactory);
			cachingConfigurer.configure(configured);
			return configured;
		}
		if (connectionFactory instanceof AbstractConnectionFactory abstractFactory) {
			return new CachingConnectionFactory(abstractFactory.getRabbitConnectionFactory());
		}
		throw new IllegalStateException("taskq cannot open a publisher connection from "
				+ connectionFactory.getClass().getName() + "; define a TaskPublisher bean");
	}

	/**
	 * The worker's listener containers start from Boot's {@code spring.rabbitmq.listener.simple.*} settings; the
	 * ones taskq's guarantees depend on are taskq's own (the README has the table). The application's
	 * {@link ContainerCustomizer} beans are applied to each container after them, in order.
	 */
	@Bean
	@ConditionalOnMissingBean
	RabbitListenerContainers taskqListenerContainers(ConnectionFactory connectionFactory,
			ObjectProvider<SimpleRabbitListenerContainerFactoryConfigurer> configurer, TaskqProperties properties,
			ObjectProvider<ContainerCustomizer<SimpleMessageListenerContainer>> customizers) {
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
		return new RabbitListenerContainers(factory, worker.getShutdownTimeout(),
				new CompositeContainerCustomizer<>(customizers.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean(TaskBroker.class)
	RabbitTaskBroker taskqBroker(TaskQueueDeclarer queueDeclarer, TaskPublisher publisher,
			RabbitListenerContainers containers) {
		return new RabbitTaskBroker(queueDeclarer, publisher, containers::create);
	}

}
