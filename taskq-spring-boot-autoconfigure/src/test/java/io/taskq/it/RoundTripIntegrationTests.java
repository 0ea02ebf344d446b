package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.rabbit.AmqpWireMessages;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Send, run, store, read: the whole path on the real RabbitMQ and Redis.
 */
@TaskqIntegrationTest(RoundTripIntegrationTests.Config.class)
class RoundTripIntegrationTests {

	static final String OTHER_QUEUE = TestQueues.unique("roundtrip-other");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.worker.concurrency", () -> "2");
		registry.add("taskq.tasks[it.configured-expiry].result-expires", () -> "90s");
		registry.add("taskq.tasks[it.whoami].queue", () -> OTHER_QUEUE);
	}

	@Value("${taskq.default-queue}")
	String queue;

	@Autowired
	TaskOperations tasks;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	TaskMessageCodec codec;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void positionalArguments() {
		TaskHandle handle = this.tasks.send("it.add", 2, 3);
		assertThat(handle.get(Duration.ofSeconds(10), Integer.class)).isEqualTo(5);
		assertThat(handle.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(handle.isReady()).isTrue();
	}

	@Test
	void keywordArguments() {
		TaskHandle handle = this.tasks.sendWithKwargs("it.add", Map.of("a", 40, "b", 2));
		assertThat(handle.get(Duration.ofSeconds(10))).isEqualTo(42);
	}

	@Test
	void recordsListsAndOptionals() {
		TaskHandle handle = this.tasks.send(TaskRequest.builder("it.describe")
			.args(Map.of("name", "ada", "tags", List.of("x", "y")))
			.build());
		assertThat(handle.get(Duration.ofSeconds(10), new TypeReference<Map<String, Object>>() {
		})).containsEntry("summary", "ada:2:none");
		TaskHandle withSuffix = this.tasks.send(TaskRequest.builder("it.describe")
			.args(Map.of("name", "bob", "tags", List.of()))
			.kwarg("suffix", "!")
			.build());
		assertThat(withSuffix.get(Duration.ofSeconds(10), Summary.class)).isEqualTo(new Summary("bob:0:!"));
	}

	@Test
	void failureCarriesRemoteTypeMessageAndTraceback() {
		TaskHandle handle = this.tasks.send("it.fail", "boom");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getState()).isEqualTo(TaskState.FAILURE);
				assertThat(ex.getRemoteType()).isEqualTo("IllegalStateException");
				assertThat(ex.getRemoteModule()).isEqualTo("java.lang");
				assertThat(ex.getRemoteMessage()).isEqualTo("boom");
				assertThat(ex.getRemoteTraceback()).contains("IllegalStateException: boom").contains("Handlers.fail");
			});
	}

	@Test
	void contextAndExplicitQueueAndId() {
		TaskHandle handle = this.tasks.send(TaskRequest.builder("it.whoami")
			.queue(OTHER_QUEUE)
			.taskId("fixed-" + this.queue)
			.header("tenant", "acme")
			.build());
		assertThat(handle.id()).isEqualTo("fixed-" + this.queue);
		assertThat(handle.get(Duration.ofSeconds(10), String.class))
			.isEqualTo("fixed-" + this.queue + "|0|" + OTHER_QUEUE + "|acme");
	}

	@Test
	void aQueuedTaskIsSentAndAnUnknownIdIsPending() {
		TaskHandle queued = this.tasks.send(TaskRequest.builder("it.add").args(1, 2).queue(OTHER_QUEUE + ".idle").build());
		await().atMost(Duration.ofSeconds(5)).until(() -> queued.state().equals(TaskState.SENT));
		assertThat(queued.isReady()).isFalse();
		assertThat(this.tasks.handle("no-such-task-" + this.queue).state()).isEqualTo(TaskState.PENDING);
		this.amqpAdmin.deleteQueue(OTHER_QUEUE + ".idle");
		this.amqpAdmin.deleteExchange(OTHER_QUEUE + ".idle");
	}

	@Test
	void handleFromBareId() {
		TaskHandle sent = this.tasks.send("it.add", 1, 1);
		assertThat(this.tasks.handle(sent.id()).get(Duration.ofSeconds(10))).isEqualTo(2);
	}

	@Test
	void taskReceivedAfterItsExpiryIsRevokedWithoutRunning() {
		String id = "expired-" + this.queue;
		TaskMessage message = TaskMessage.builder("it.add", id)
			.args(JsonNodeFactory.instance.arrayNode().add(1).add(2))
			.expires(Instant.now().minusSeconds(5))
			.build();
		// As a message that expired while prefetched looks: the broker's own TTL did not drop it.
		this.rabbitTemplate.send("", this.queue, AmqpWireMessages.toAmqp(this.codec.encode(message).withoutExpiration()));
		assertThatExceptionOfType(TaskFailedException.class)
			.isThrownBy(() -> this.tasks.handle(id).get(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getState()).isEqualTo(TaskState.REVOKED);
				assertThat(ex.getRemoteType()).isEqualTo("TaskRevokedError");
				assertThat(ex.getRemoteMessage()).isEqualTo("expired");
			});
		assertThat(this.tasks.send("it.add", 1, 2).get(Duration.ofSeconds(10))).isEqualTo(3);
	}

	@Test
	void aTaskKeepsItsResultsForItsOwnExpiry() {
		TaskHandle annotated = this.tasks.send("it.shortlived");
		TaskHandle configured = this.tasks.send("it.configured-expiry");
		TaskHandle plain = this.tasks.send("it.add", 1, 1);
		annotated.get(Duration.ofSeconds(10));
		configured.get(Duration.ofSeconds(10));
		plain.get(Duration.ofSeconds(10));
		assertThat(this.redis.getExpire("celery-task-meta-" + annotated.id(), TimeUnit.SECONDS)).isBetween(1L, 30L);
		assertThat(this.redis.getExpire("celery-task-meta-" + configured.id(), TimeUnit.SECONDS)).isBetween(31L, 90L);
		assertThat(this.redis.getExpire("celery-task-meta-" + plain.id(), TimeUnit.SECONDS)).isGreaterThan(86000L);
	}

	record Summary(String summary) {
	}

	record Person(String name, List<String> tags) {
	}

	static class Handlers {

		@TaskHandler("it.add")
		int add(int a, int b) {
			return a + b;
		}

		@TaskHandler("it.describe")
		Summary describe(Person person, Optional<String> suffix) {
			return new Summary(person.name() + ":" + person.tags().size() + ":" + suffix.orElse("none"));
		}

		@TaskHandler(name = "it.shortlived", resultExpires = "30s")
		String shortlived() {
			return "soon gone";
		}

		@TaskHandler(name = "it.configured-expiry", resultExpires = "30s")
		String configuredExpiry() {
			return "configured";
		}

		@TaskHandler("it.fail")
		void fail(String message) {
			throw new IllegalStateException(message);
		}

		@TaskHandler(name = "it.whoami")
		String whoami(TaskContext context) {
			return context.getTaskId() + "|" + context.getRetries() + "|" + context.getQueue() + "|"
					+ context.getHeaders().get("tenant");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
