package io.taskq.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskSendPipeline;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.worker.TaskWorker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureTaskqTestKit @AutoConfigureTaskqTestKit} on a {@code @SpringBootTest} whose
 * RabbitMQ and Redis ports are closed: the context starts and the handlers run, with nothing connected.
 */
@SpringBootTest(properties = "taskq.tasks.[forum.notify_user].queue=notifications")
@AutoConfigureTaskqTestKit
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureTaskqTestKitTests {

	@Autowired
	private TaskOperations tasks;

	@Autowired
	private TaskqTestKit kit;

	@Autowired
	private Forum forum;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void closedPorts(DynamicPropertyRegistry registry) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		registry.add("spring.rabbitmq.port", () -> closed);
		registry.add("spring.data.redis.port", () -> closed);
	}

	@Test
	@Order(1)
	void kitReplacesTaskqAndNeedsNoBrokerNorRedis() {
		assertThat(this.tasks).isSameAs(this.kit);
		assertThat(this.context.getBeanNamesForType(TaskBroker.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TaskWorker.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ResultStore.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(TaskSendPipeline.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).hasSize(1);

		this.forum.post(30);

		assertThat(this.kit.sent("forum.notify_user")).hasSize(30)
			.extracting(SentTask::args)
			.contains(List.of(7));
		assertThat(this.kit.sent("forum.notify_user")).extracting(SentTask::queue).containsOnly("notifications");
		assertThat(this.kit.runAll()).isEqualTo(30);
		assertThat(this.forum.notified).hasSize(30);
	}

	@Test
	@Order(2)
	void kitIsResetBetweenTests() {
		assertThat(this.kit.sent()).isEmpty();
		assertThat(this.kit.mode()).isEqualTo(TaskqTestKit.Mode.FAKE);
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		TaskHandle handle = this.tasks.send("forum.notify_user", 3);

		assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(handle.get(Duration.ZERO, String.class)).isEqualTo("notified 3");
	}

	@Test
	@Order(3)
	void modeIsBackToFakeAfterTheTestThatChangedIt() {
		assertThat(this.kit.mode()).isEqualTo(TaskqTestKit.Mode.FAKE);
		assertThat(this.kit.sent()).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Forum forum(TaskOperations tasks) {
			return new Forum(tasks);
		}

	}

	static class Forum {

		final List<Integer> notified = new ArrayList<>();

		private final TaskOperations tasks;

		Forum(TaskOperations tasks) {
			this.tasks = tasks;
		}

		void post(int subscribers) {
			for (int user = 1; user <= subscribers; user++) {
				this.tasks.send("forum.notify_user", user);
			}
		}

		@TaskHandler("forum.notify_user")
		String notifyUser(int userId) {
			this.notified.add(userId);
			return "notified " + userId;
		}

	}

}
