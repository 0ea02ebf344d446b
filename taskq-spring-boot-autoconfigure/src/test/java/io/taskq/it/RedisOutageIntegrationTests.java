package io.taskq.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.broker.rabbit.AmqpWireMessages;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under a worker: finished tasks are not acknowledged until their results are stored, the
 * worker waits (backing off) instead of spinning or re-running tasks, health reports DOWN, and when Redis
 * returns the backlog completes. Runs its own Redis server on a free port so nothing else is disturbed.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageIntegrationTests {

	static final String QUEUE = TestQueues.unique("redis-outage");

	static final String LIMITED_QUEUE = TestQueues.unique("redis-outage-limited");

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	static final List<Process> redisServers = new ArrayList<>();

	@AfterAll
	static void cleanUp() {
		contexts.get(0).getBean(AmqpAdmin.class).deleteQueue(QUEUE);
		contexts.get(0).getBean(AmqpAdmin.class).deleteQueue(LIMITED_QUEUE);
		contexts.forEach(ConfigurableApplicationContext::close);
		redisServers.forEach(Process::destroyForcibly);
	}

	@Test
	void backlogCompletesWhenRedisReturns() throws Exception {
		int port = freePort();
		Process redis = startRedis(port);
		ConfigurableApplicationContext app = WorkerApps.start("outage-worker", "taskq.default-queue=" + QUEUE,
				"spring.data.redis.port=" + port, "taskq.worker.concurrency=2");
		contexts.add(app);
		TaskOperations tasks = app.getBean(TaskOperations.class);
		assertThat(tasks.send("apps.echo", "warm-up").get(Duration.ofSeconds(10))).isEqualTo("warm-up");
		int invocationsBefore = WorkerApps.INVOCATIONS.get();

		stopRedis(redis);
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			handles.add(tasks.send("apps.echo", "value-" + i));
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> redisStatus(app).equals(Status.DOWN));
		// Workers block on Redis (their revocation check, or storing a result) instead of spinning: at most one
		// run per consumer happens during the outage, and nothing runs twice.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> WorkerApps.INVOCATIONS.get() - invocationsBefore <= 2);

		startRedis(port);
		for (int i = 0; i < 10; i++) {
			assertThat(handles.get(i).get(Duration.ofSeconds(30))).isEqualTo("value-" + i);
		}
		assertThat(WorkerApps.INVOCATIONS.get() - invocationsBefore).isEqualTo(10);
		await().atMost(Duration.ofSeconds(15)).until(() -> redisStatus(app).equals(Status.UP));
		StringRedisTemplate redisTemplate = app.getBean(StringRedisTemplate.class);
		Long ttl = redisTemplate.getExpire("celery-task-meta-" + handles.get(0).id(), TimeUnit.SECONDS);
		assertThat(ttl).isBetween(86000L, 86400L);
	}

	/**
	 * Steps before a task runs need Redis too: the rate limiter, and moving a message that arrives before its ETA
	 * to the schedule. While Redis is down they wait with back-off, as storing a result does, instead of failing
	 * the listener and requeueing the message in a tight loop; when Redis returns every task runs once.
	 */
	@Test
	void rateLimitedAndDelayedTasksWaitOutAnOutage(CapturedOutput output) throws Exception {
		int port = freePort();
		Process redis = startRedis(port);
		ConfigurableApplicationContext app = WorkerApps.start("outage-limited-worker",
				"taskq.default-queue=" + LIMITED_QUEUE, "spring.data.redis.port=" + port,
				"taskq.worker.concurrency=2", "taskq.tasks.[apps.echo].rate-limit=50/s",
				// Lettuce holds commands while disconnected; time them out soon so each step sees the outage.
				"spring.data.redis.timeout=1s");
		contexts.add(app);
		TaskOperations tasks = app.getBean(TaskOperations.class);
		assertThat(tasks.send("apps.echo", "warm-up").get(Duration.ofSeconds(10))).isEqualTo("warm-up");
		int invocationsBefore = WorkerApps.INVOCATIONS.get();
		int failuresBefore = listenerFailures(output);

		stopRedis(redis);
		// First, as a Python client's apply_async(countdown=1) arrives: an ETA in the message, the worker schedules it.
		String delayedId = UUID.randomUUID().toString();
		TaskMessage delayed = TaskMessage.builder("apps.echo", delayedId)
			.eta(Instant.now().plusSeconds(1))
			.args(JsonNodeFactory.instance.arrayNode().add("delayed"))
			.build();
		app.getBean(RabbitTemplate.class)
			.send("", LIMITED_QUEUE, AmqpWireMessages.toAmqp(app.getBean(TaskMessageCodec.class).encode(delayed)));
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			handles.add(tasks.send("apps.echo", "limited-" + i));
		}
		handles.add(tasks.handle(delayedId));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getOut().contains("Could not check the rate limit of task")
					&& output.getOut().contains("Could not schedule task apps.echo[" + delayedId + "]"));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> WorkerApps.INVOCATIONS.get() == invocationsBefore
					&& listenerFailures(output) == failuresBefore);

		startRedis(port);
		// Reading a result fails while the caller's own connection is still reconnecting; that is the caller's to retry.
		await().atMost(Duration.ofSeconds(30))
			.ignoreException(QueryTimeoutException.class)
			.untilAsserted(() -> assertThat(handles.get(5).get(Duration.ofSeconds(10))).isEqualTo("delayed"));
		for (int i = 0; i < 5; i++) {
			assertThat(handles.get(i).get(Duration.ofSeconds(30))).isEqualTo("limited-" + i);
		}
		assertThat(WorkerApps.INVOCATIONS.get() - invocationsBefore).isEqualTo(6);
		assertThat(listenerFailures(output)).as("listener failures (requeue loops)").isEqualTo(failuresBefore);
	}

	private static int listenerFailures(CapturedOutput output) {
		return output.getOut().split("Execution of Rabbit message listener failed", -1).length - 1;
	}

	/**
	 * Status of Boot's own {@code redis} health contributor (reactive when Reactor is on the class path).
	 */
	private static Status redisStatus(ConfigurableApplicationContext app) {
		Object contributor = app.getBean("redisHealthContributor");
		if (contributor instanceof ReactiveHealthIndicator reactive) {
			return reactive.health().block(Duration.ofSeconds(10)).getStatus();
		}
		return ((HealthIndicator) contributor).health().getStatus();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Process startRedis(int port) throws IOException {
		Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectOutput(new File("target/redis-outage-" + port + ".log"))
			.redirectErrorStream(true)
			.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Process ping = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "ping").start();
			return new String(ping.getInputStream().readAllBytes()).trim().equals("PONG");
		});
		redisServers.add(process);
		return process;
	}

	private static void stopRedis(Process redis) throws InterruptedException {
		redis.destroy();
		assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

}
