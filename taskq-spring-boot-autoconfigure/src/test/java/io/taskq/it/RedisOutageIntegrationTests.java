package io.taskq.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis goes away under a worker: finished tasks are not acknowledged until their results are stored, the
 * worker waits (backing off) instead of spinning or re-running tasks, health reports DOWN, and when Redis
 * returns the backlog completes. Runs its own Redis server on a free port so nothing else is disturbed.
 */
class RedisOutageIntegrationTests {

	static final String QUEUE = TestQueues.unique("redis-outage");

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	static Process redis;

	@AfterAll
	static void cleanUp() {
		contexts.get(0).getBean(AmqpAdmin.class).deleteQueue(QUEUE);
		contexts.forEach(ConfigurableApplicationContext::close);
		if (redis != null) {
			redis.destroyForcibly();
		}
	}

	@Test
	void backlogCompletesWhenRedisReturns() throws Exception {
		int port = freePort();
		redis = startRedis(port);
		ConfigurableApplicationContext app = WorkerApps.start("outage-worker", "taskq.default-queue=" + QUEUE,
				"spring.data.redis.port=" + port, "taskq.worker.concurrency=2");
		contexts.add(app);
		TaskOperations tasks = app.getBean(TaskOperations.class);
		assertThat(tasks.send("apps.echo", "warm-up").get(Duration.ofSeconds(10))).isEqualTo("warm-up");
		int invocationsBefore = WorkerApps.INVOCATIONS.get();

		stopRedis();
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

		redis = startRedis(port);
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
		return process;
	}

	private static void stopRedis() throws InterruptedException {
		redis.destroy();
		assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

}
