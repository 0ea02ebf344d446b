package io.taskq.it;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.TaskOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A producer whose broker cannot be reached (a free port where nothing listens, so the shared RabbitMQ is left
 * alone): every send, the first to a queue included, throws {@link TaskPublishException}.
 */
class BrokerUnreachableIntegrationTests {

	private ConfigurableApplicationContext producer;

	@AfterEach
	void close() {
		if (this.producer != null) {
			this.producer.close();
		}
	}

	@Test
	void theFirstSendToAQueueThrowsTaskPublishException() throws IOException {
		this.producer = WorkerApps.start("unreachable-producer", "spring.rabbitmq.port=" + freePort(),
				"taskq.worker.enabled=false", "taskq.default-queue=" + TestQueues.unique("unreachable"));
		TaskOperations tasks = this.producer.getBean(TaskOperations.class);
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(TaskPublishException.class).isThrownBy(() -> tasks.send("apps.echo", "lost?"))
				.satisfies((ex) -> assertThat(ex.getTaskId()).isNotBlank());
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
