package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.schedule.ScheduledTaskPromoter;
import io.taskq.store.redis.RedisRateLimiter;
import io.taskq.worker.TaskWorker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits hold across several workers together, and a task waiting for its slot holds no worker thread and
 * no prefetch slot: other tasks on the same queue run meanwhile.
 */
class RateLimitIntegrationTests {

	static final String QUEUE = TestQueues.unique("ratelimit");

	static final String PREFIX = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	/** Start times of every run, by task id. */
	static final Map<String, List<Instant>> STARTS = new ConcurrentHashMap<>();

	/** Workers that ran a task. */
	static final Set<String> WORKERS = ConcurrentHashMap.newKeySet();

	static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeAll
	static void startWorkers() {
		for (int i = 1; i <= 3; i++) {
			contexts.add(new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
				.properties("taskq.default-queue=" + QUEUE, "taskq.redis.key-prefix=" + PREFIX,
						"taskq.node-name=rl-worker-" + i,
						"taskq.worker.concurrency=2", "taskq.worker.prefetch=4",
						"taskq.tasks[rl.configured].rate-limit=4/s")
				.run());
		}
	}

	@AfterAll
	static void stopWorkers() {
		ConfigurableApplicationContext first = contexts.get(0);
		for (ConfigurableApplicationContext context : contexts) {
			context.getBean(TaskWorker.class).stop();
			context.getBean(ScheduledTaskPromoter.class).stop();
		}
		AmqpAdmin admin = first.getBean(AmqpAdmin.class);
		admin.deleteQueue(QUEUE);
		admin.deleteExchange(QUEUE);
		StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
		Set<String> keys = redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
		contexts.forEach(ConfigurableApplicationContext::close);
		contexts.clear();
	}

	TaskOperations tasks() {
		return contexts.get(0).getBean(TaskOperations.class);
	}

	@Test
	void tenPerSecondHoldsAcrossThreeWorkers() {
		Instant sent = Instant.now();
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			handles.add(tasks().send("rl.limited"));
		}
		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(30))).isEqualTo("ran");
		}
		List<Instant> starts = startsOf(handles);
		Duration span = Duration.between(starts.get(0), starts.get(starts.size() - 1));
		double rate = (starts.size() - 1) / (span.toNanos() / 1e9);
		System.out.printf("Rate limit 10/s over 3 workers: %d tasks started in %d ms, %.2f tasks/s, workers %s%n",
				starts.size(), span.toMillis(), rate, WORKERS);
		assertStartedNoSoonerThanTheLimitAllows(sent, starts, Duration.ofMillis(100));
		assertThat(WORKERS).hasSizeGreaterThan(1);
		String key = contexts.get(0).getBean(RedisRateLimiter.class).key("rl.limited");
		StringRedisTemplate redis = contexts.get(0).getBean(StringRedisTemplate.class);
		assertThat(redis.getExpire(key)).isPositive();
	}

	@Test
	void configuredRateLimitOverridesTheAnnotation() {
		Instant sent = Instant.now();
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			handles.add(tasks().send("rl.configured"));
		}
		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(30))).isEqualTo("ran");
		}
		List<Instant> starts = startsOf(handles);
		Duration span = Duration.between(starts.get(0), starts.get(starts.size() - 1));
		System.out.printf("Rate limit 4/s (configured over the annotation's 1000/s): 9 tasks started in %d ms%n",
				span.toMillis());
		assertStartedNoSoonerThanTheLimitAllows(sent, starts, Duration.ofMillis(250));
	}

	@Test
	void tasksWaitingForTheirSlotHoldNoWorkerThreadOrPrefetch() {
		List<TaskHandle> limited = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			limited.add(tasks().send("rl.limited"));
		}
		// 40 limited tasks take about 4 s; 6 consumers with 4 prefetch each could all be stuck behind them.
		await().atMost(Duration.ofSeconds(5)).until(() -> STARTS.containsKey(limited.get(1).id()));
		Instant sent = Instant.now();
		List<TaskHandle> free = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			free.add(tasks().send("rl.free"));
		}
		for (TaskHandle handle : free) {
			assertThat(handle.get(Duration.ofSeconds(2))).isEqualTo("free");
		}
		Duration freeTook = Duration.between(sent, Instant.now());
		long limitedDone = limited.stream().filter((handle) -> STARTS.containsKey(handle.id())).count();
		System.out.printf("10 unlimited tasks ran in %d ms while %d of 40 rate-limited tasks had started%n",
				freeTook.toMillis(), limitedDone);
		assertThat(limitedDone).isLessThan(30);
		for (TaskHandle handle : limited) {
			assertThat(handle.get(Duration.ofSeconds(30))).isEqualTo("ran");
		}
	}

	/**
	 * The n-th start (from 0) comes no sooner than n intervals after the first slot, which was taken after the
	 * tasks were sent. A task starting late on a loaded machine only makes this hold more surely, where the span
	 * between the first and the last start would shrink if the first one started late.
	 */
	private static void assertStartedNoSoonerThanTheLimitAllows(Instant sent, List<Instant> starts,
			Duration interval) {
		for (int i = 0; i < starts.size(); i++) {
			assertThat(starts.get(i)).as("start %d of %d", i + 1, starts.size())
				.isAfterOrEqualTo(sent.plus(interval.multipliedBy(i)));
		}
	}

	private static List<Instant> startsOf(List<TaskHandle> handles) {
		List<Instant> starts = new ArrayList<>();
		for (TaskHandle handle : handles) {
			assertThat(STARTS.get(handle.id())).as("runs of %s", handle.id()).hasSize(1);
			starts.add(STARTS.get(handle.id()).get(0));
		}
		starts.sort(null);
		return starts;
	}

	static class Handlers {

		private final String worker;

		Handlers(String worker) {
			this.worker = worker;
		}

		@TaskHandler(value = "rl.limited", rateLimit = "10/s")
		String limited(TaskContext context) {
			record(context);
			return "ran";
		}

		@TaskHandler(value = "rl.configured", rateLimit = "1000/s")
		String configured(TaskContext context) {
			record(context);
			return "ran";
		}

		@TaskHandler("rl.free")
		String free() {
			return "free";
		}

		private void record(TaskContext context) {
			STARTS.computeIfAbsent(context.getTaskId(), (id) -> new CopyOnWriteArrayList<>())
				.add(Instant.now());
			WORKERS.add(this.worker);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers(Environment environment) {
			return new Handlers(environment.getRequiredProperty("taskq.node-name"));
		}

	}

}
