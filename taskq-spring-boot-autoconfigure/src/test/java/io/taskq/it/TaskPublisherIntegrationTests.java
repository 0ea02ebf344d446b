package io.taskq.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import io.taskq.broker.rabbit.TaskPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The publisher on the real RabbitMQ, configured as taskq configures it: a message to a queue that does not
 * exist is reported unroutable (RabbitMQ returns it before the ack), and the channel goes on confirming.
 */
class TaskPublisherIntegrationTests {

	private final String queue = TestQueues.unique("publisher");

	private final CachingConnectionFactory connectionFactory = new CachingConnectionFactory();

	private final RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);

	private final TaskPublisher publisher;

	TaskPublisherIntegrationTests() {
		this.connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		this.connectionFactory.setPublisherReturns(true);
		this.connectionFactory.setChannelCacheSize(1);
		this.publisher = new TaskPublisher(this.connectionFactory, Duration.ofSeconds(10), true);
	}

	@AfterEach
	void cleanUp() throws Exception {
		this.admin.deleteQueue(this.queue);
		this.publisher.destroy();
	}

	@Test
	void aMessageToAMissingQueueIsUnroutableAndTheNextOneIsConfirmed() {
		assertThatExceptionOfType(TaskPublisher.UnroutableTaskException.class)
			.isThrownBy(() -> this.publisher.publish("task-1", this.queue, message("task-1")))
			.satisfies((ex) -> assertThat(ex.getQueue()).isEqualTo(this.queue));
		this.admin.declareQueue(new Queue(this.queue, false, false, false));
		this.publisher.publish("task-2", this.queue, message("task-2"));
		assertThat(this.admin.getQueueInfo(this.queue).getMessageCount()).isEqualTo(1);
	}

	private static Message message(String taskId) {
		MessageProperties properties = new MessageProperties();
		properties.setCorrelationId(taskId);
		return new Message("[[], {}, {}]".getBytes(StandardCharsets.UTF_8), properties);
	}

}
