package io.taskq.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.control.CeleryRemoteControl;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Revoke on the real RabbitMQ and Redis: a revoked task never runs, on workers started before or after the
 * revoke; a terminated task is interrupted and ends REVOKED; a revoke sent by Python Celery on the pidbox is
 * honoured.
 */
class RevokeIntegrationTests {

	static final String PYTHON = System.getProperty("taskq.python", "/usr/bin/python3");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> queues = new ArrayList<>();

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterAll
	static void cleanUp() {
		contexts.stream().filter(ConfigurableApplicationContext::isActive).findFirst().ifPresent((context) -> {
			queues.forEach(context.getBean(AmqpAdmin.class)::deleteQueue);
		});
		contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void taskRevokedBeforeAnyWorkerRunsIsNotRunByAWorkerStartedLater() {
		String queue = queue("revoke-later");
		TaskOperations tasks = start(node("producer"), queue, "taskq.worker.enabled=false")
			.getBean(TaskOperations.class);
		TaskHandle revoked = tasks.send("apps.slow", 10);
		revoked.revoke();
		assertThat(revoked.state()).isEqualTo(TaskState.REVOKED);
		StringRedisTemplate redis = contexts.get(contexts.size() - 1).getBean(StringRedisTemplate.class);
		assertThat(redis.opsForZSet().score("taskq:revoked", revoked.id())).isGreaterThan(System.currentTimeMillis());
		assertThat(redis.getExpire("taskq:revoked")).isPositive();
		TaskHandle after = tasks.send("apps.slow", 10);

		String worker = node("later");
		start(worker, queue, "taskq.worker.concurrency=1");
		assertThat(after.get(Duration.ofSeconds(20))).isEqualTo(worker);

		assertThat(WorkerApps.started(worker)).containsExactly(after.id());
		assertRevoked(revoked, "revoked");
	}

	@Test
	void terminateInterruptsARunningTask() {
		String queue = queue("terminate");
		String worker = node("terminate");
		TaskOperations tasks = start(worker, queue, "taskq.worker.concurrency=1").getBean(TaskOperations.class);
		TaskHandle running = tasks.send("apps.block");
		await().atMost(Duration.ofSeconds(20)).until(() -> WorkerApps.started(worker).contains(running.id()));

		tasks.revoke(running.id(), true);

		await().atMost(Duration.ofSeconds(20)).until(() -> reason(running.result()).equals("terminated"));
		assertRevoked(running, "terminated");
		assertThat(WorkerApps.finished(worker)).doesNotContain(running.id());
		// The worker thread is not left interrupted: it runs the next task.
		assertThat(tasks.send("apps.slow", 10).get(Duration.ofSeconds(20))).isEqualTo(worker);
	}

	@Test
	void revokeBroadcastByPythonCeleryIsHonoured() {
		String queue = queue("pidbox");
		String worker = node("pidbox");
		ConfigurableApplicationContext context = start(worker, queue, "taskq.worker.concurrency=1");
		TaskOperations tasks = context.getBean(TaskOperations.class);
		String queued = UUID.randomUUID().toString();

		pythonRevoke(queued, false, worker);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> tasks.handle(queued).state().equals(TaskState.REVOKED));
		tasks.send(TaskRequest.builder("apps.slow").taskId(queued).args(10).build());
		TaskHandle marker = tasks.send("apps.slow", 10);
		assertThat(marker.get(Duration.ofSeconds(20))).isEqualTo(worker);
		assertThat(WorkerApps.started(worker)).containsExactly(marker.id());
		assertRevoked(tasks.handle(queued), "revoked");

		TaskHandle running = tasks.send("apps.block");
		await().atMost(Duration.ofSeconds(20)).until(() -> WorkerApps.started(worker).contains(running.id()));
		pythonRevoke(running.id(), true, worker);
		await().atMost(Duration.ofSeconds(20)).until(() -> reason(running.result()).equals("terminated"));
		assertThat(WorkerApps.finished(worker)).doesNotContain(running.id());
	}

	@Test
	void malformedControlMessagesAndOtherDestinationsAreIgnored() {
		String queue = queue("pidbox-bad");
		String worker = node("pidbox-bad");
		ConfigurableApplicationContext context = start(worker, queue, "taskq.worker.concurrency=1");
		TaskOperations tasks = context.getBean(TaskOperations.class);
		RabbitTemplate rabbit = context.getBean(RabbitTemplate.class);
		String controlQueue = context.getBean(CeleryRemoteControl.class).getQueueName();
		String elsewhere = UUID.randomUUID().toString();
		String here = UUID.randomUUID().toString();
		for (String body : List.of("not json", "[1, 2]", "{\"method\": \"revoke\", \"arguments\": {\"task_id\": 42}}",
				"{\"method\": \"ping\", \"arguments\": {}}",
				"{\"method\": \"revoke\", \"arguments\": {\"task_id\": \"" + elsewhere
						+ "\"}, \"destination\": [\"someone-else@host\"]}",
				"{\"method\": \"revoke\", \"arguments\": {\"task_id\": [\"" + here + "\"], \"terminate\": false,"
						+ " \"signal\": \"SIGTERM\"}, \"destination\": [\"" + worker + "\"], \"pattern\": null,"
						+ " \"matcher\": null}")) {
			MessageProperties properties = new MessageProperties();
			properties.setContentType("application/json");
			rabbit.send("", controlQueue, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> tasks.handle(here).state().equals(TaskState.REVOKED));
		assertThat(tasks.handle(elsewhere).state()).isEqualTo(TaskState.PENDING);
		assertThat(tasks.send("apps.slow", 10).get(Duration.ofSeconds(20))).isEqualTo(worker);
	}

	private static void assertRevoked(TaskHandle handle, String reason) {
		assertThat(handle.state()).isEqualTo(TaskState.REVOKED);
		assertThat(reason(handle.result())).isEqualTo(reason);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.getState()).isEqualTo(TaskState.REVOKED));
	}

	private static String reason(TaskResult result) {
		if (result == null || result.result() == null) {
			return "";
		}
		assertThat(result.result().path("exc_type").asString()).isEqualTo("TaskRevokedError");
		assertThat(result.result().path("exc_module").asString()).isEqualTo("celery.exceptions");
		return result.result().path("exc_message").path(0).asString("");
	}

	private static String queue(String purpose) {
		String queue = TestQueues.unique(purpose);
		queues.add(queue);
		return queue;
	}

	private static String node(String purpose) {
		return "taskq-revoke-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test";
	}

	private static ConfigurableApplicationContext start(String name, String queue, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("taskq.default-queue=" + queue);
		ConfigurableApplicationContext context = WorkerApps.start(name, all.toArray(String[]::new));
		contexts.add(context);
		return context;
	}

	private static void pythonRevoke(String taskId, boolean terminate, String destination) {
		try {
			File script = new ClassPathResource("celery/revoke_client.py").getFile();
			Process client = new ProcessBuilder(PYTHON, script.getAbsolutePath(), JSON.writeValueAsString(
					Map.of("id", taskId, "terminate", terminate, "destination", List.of(destination))))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!client.waitFor(60, TimeUnit.SECONDS)) {
				client.destroyForcibly();
			}
			assertThat(client.exitValue()).as("Python revoke client output: %s", output).isZero();
			assertThat(output).contains(taskId);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
