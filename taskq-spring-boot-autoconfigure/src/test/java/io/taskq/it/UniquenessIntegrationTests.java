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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.broker.TaskPublishException;
import io.taskq.broker.rabbit.AmqpWireMessages;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendPipeline;
import io.taskq.core.TaskTemplate;
import io.taskq.core.send.BrokerTaskDispatcher;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;
import io.taskq.worker.OnConflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/**
 * Idempotent sends (one task per idempotency key, however many concurrent sends) and exclusive execution (one
 * run at a time per exclusive key, on leases in Redis that expire when their worker dies), on the real RabbitMQ and
 * Redis.
 */
@SpringBootTest(classes = UniquenessIntegrationTests.Config.class)
class UniquenessIntegrationTests {

	static final String QUEUE = TestQueues.unique("uniqueness");

	static final String PREFIX = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	/** Runs of {@code unique.count} by argument. */
	static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

	/** Runs of the exclusive tasks by key: when each started and ended. */
	static final Map<String, List<Run>> RUNS = new ConcurrentHashMap<>();

	/** Runs of the exclusive tasks in progress by key, and the most seen at once. */
	static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> MAX_RUNNING = new ConcurrentHashMap<>();

	/** Released by tests to let exclusive tasks holding a latch return. */
	static final Map<String, CountDownLatch> RELEASE = new ConcurrentHashMap<>();

	static AmqpAdmin admin;

	static StringRedisTemplate staticRedis;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.default-queue", () -> QUEUE);
		registry.add("taskq.redis.key-prefix", () -> PREFIX);
		registry.add("taskq.worker.concurrency", () -> "4");
		registry.add("taskq.worker.prefetch", () -> "1");
		registry.add("taskq.result.extended", () -> "true");
		registry.add("taskq.tasks[unique.retry].conflict-retry-delay", () -> "100ms");
		registry.add("taskq.tasks[unique.renewed].exclusive-lease", () -> "3s");
		registry.add("taskq.tasks[unique.configured].exclusive-key", () -> "#key");
		registry.add("taskq.tasks[unique.configured].on-conflict", () -> "skip");
		registry.add("taskq.tasks[unique.count].idempotency-window", () -> "10m");
		registry.add("taskq.tasks[unique.limited].rate-limit", () -> "1/s");
		registry.add("taskq.tasks[unique.limited].conflict-retry-delay", () -> "100ms");
		registry.add("taskq.tasks[unique.abandoned].time-limit", () -> "1s");
		registry.add("taskq.tasks[unique.abandoned].exclusive-lease", () -> "300ms");
	}

	@Autowired
	TaskOperations tasks;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	void setStatics(AmqpAdmin amqpAdmin, StringRedisTemplate redisTemplate) {
		admin = amqpAdmin;
		staticRedis = redisTemplate;
	}

	@AfterAll
	static void cleanUp() {
		RELEASE.values().forEach(CountDownLatch::countDown);
		admin.deleteQueue(QUEUE);
		Set<String> keys = staticRedis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			staticRedis.delete(keys);
		}
	}

	@Test
	void concurrentSendsWithOneIdempotencyKeySendOneTask() throws Exception {
		String key = "order-" + UUID.randomUUID();
		int senders = 8;
		CyclicBarrier barrier = new CyclicBarrier(senders);
		ExecutorService executor = Executors.newFixedThreadPool(senders);
		try {
			List<Future<TaskHandle>> sends = new CopyOnWriteArrayList<>();
			for (int i = 0; i < senders; i++) {
				sends.add(executor.submit(() -> {
					barrier.await(10, TimeUnit.SECONDS);
					return this.tasks.send(TaskRequest.builder("unique.count").args(key).idempotencyKey(key).build());
				}));
			}
			Set<String> ids = ConcurrentHashMap.newKeySet();
			for (Future<TaskHandle> send : sends) {
				ids.add(send.get(20, TimeUnit.SECONDS).id());
			}
			assertThat(ids).hasSize(1);
			TaskHandle handle = this.tasks.handle(ids.iterator().next());
			assertThat(handle.get(Duration.ofSeconds(15))).isEqualTo(key);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
				.until(() -> COUNTS.get(key).get() == 1);
		}
		finally {
			executor.shutdownNow();
		}
		String redisKey = PREFIX + "idempotency:unique.count:" + key;
		Long ttl = this.redis.getExpire(redisKey, TimeUnit.SECONDS);
		assertThat(ttl).isBetween(Duration.ofMinutes(9).toSeconds(), Duration.ofMinutes(10).toSeconds());
		TaskHandle again = this.tasks
			.send(TaskRequest.builder("unique.count").args(key).idempotencyKey(key).build());
		assertThat(again.id()).isEqualTo(this.redis.opsForValue().get(redisKey));
	}

	@Test
	void differentIdempotencyKeysSendDifferentTasks() {
		String first = "a-" + UUID.randomUUID();
		String second = "b-" + UUID.randomUUID();
		TaskHandle one = this.tasks.send(TaskRequest.builder("unique.count").args(first).idempotencyKey(first).build());
		TaskHandle two = this.tasks
			.send(TaskRequest.builder("unique.count").args(second).idempotencyKey(second).build());
		assertThat(one.id()).isNotEqualTo(two.id());
		assertThat(one.get(Duration.ofSeconds(15))).isEqualTo(first);
		assertThat(two.get(Duration.ofSeconds(15))).isEqualTo(second);
	}

	@Test
	void aKeyIsForgottenAfterItsWindow() {
		String key = "w-" + UUID.randomUUID();
		// Long enough that the second send comes within it on a loaded machine.
		TaskRequest request = TaskRequest.builder("unique.count")
			.args(key)
			.idempotencyKey(key, Duration.ofSeconds(5))
			.build();
		TaskHandle first = this.tasks.send(request);
		assertThat(this.tasks.send(request).id()).isEqualTo(first.id());
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !this.redis.hasKey(PREFIX + "idempotency:unique.count:" + key));
		TaskHandle second = this.tasks.send(request);
		assertThat(second.id()).isNotEqualTo(first.id());
		second.get(Duration.ofSeconds(15));
		await().atMost(Duration.ofSeconds(5)).until(() -> COUNTS.get(key).get() == 2);
	}

	@Test
	void aFailedSendReleasesItsKeySoTheSendCanBeRetried(@Autowired List<TaskSendInterceptor> interceptors,
			@Autowired TaskSchedule schedule, @Autowired TaskMessageCodec codec, @Autowired ResultStore results,
			@Autowired RevocationStore revocations) {
		TaskBroker failing = mock(TaskBroker.class);
		doThrow(new TaskPublishException("x", "broker said no", null)).when(failing)
			.publish(anyString(), anyString(), any());
		TaskTemplate broken = new TaskTemplate(
				new TaskSendPipeline(interceptors, new BrokerTaskDispatcher(failing, schedule, codec), List.of()),
				results, revocations, JsonMapper.builder().build(), "test");
		String key = "f-" + UUID.randomUUID();
		TaskRequest request = TaskRequest.builder("unique.count").args(key).idempotencyKey(key).build();
		assertThatExceptionOfType(TaskPublishException.class).isThrownBy(() -> broken.send(request));
		assertThat(this.redis.hasKey(PREFIX + "idempotency:unique.count:" + key)).isFalse();
		assertThat(this.tasks.send(request).get(Duration.ofSeconds(15))).isEqualTo(key);
	}

	@Test
	void skipLeavesOneRunAndRevokesTheOther() {
		String key = "r-" + UUID.randomUUID();
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(key, release);
		TaskHandle first = this.tasks.send("unique.skip", key);
		await().atMost(Duration.ofSeconds(10)).until(() -> RUNNING.containsKey(key) && RUNNING.get(key).get() == 1);
		TaskHandle second = this.tasks.send("unique.skip", key);
		await().atMost(Duration.ofSeconds(10)).until(second::state, TaskState.REVOKED::equals);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> second.get(Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("TaskRevokedError");
				assertThat(ex.getRemoteMessage()).startsWith("skipped: exclusive key '" + key + "'");
			});
		String other = "other-" + UUID.randomUUID();
		RELEASE.put(other, new CountDownLatch(0));
		assertThat(this.tasks.send("unique.skip", other).get(Duration.ofSeconds(10))).isEqualTo(other);

		release.countDown();
		assertThat(first.get(Duration.ofSeconds(10))).isEqualTo(key);
		assertThat(RUNS.get(key)).hasSize(1);
		assertThat(MAX_RUNNING.get(key).get()).isEqualTo(1);
		assertThat(this.redis.hasKey(PREFIX + "exclusive:unique.skip:" + key)).isFalse();
	}

	/**
	 * The broker can deliver a task again while it still runs elsewhere (after a connection loss, say). That copy
	 * meets the task's own exclusive lease: it neither marks the running task REVOKED (as SKIP would) nor runs
	 * beside it; it waits on the schedule, and once the run has stored its outcome it is dropped.
	 */
	@Test
	void aSecondCopyOfARunningTaskIsNeitherRevokedNorRunTwice(@Autowired RabbitTemplate rabbitTemplate,
			@Autowired TaskMessageCodec codec) {
		String key = "d-" + UUID.randomUUID();
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(key, release);
		TaskHandle first = this.tasks.send("unique.skip", key);
		await().atMost(Duration.ofSeconds(10)).until(() -> RUNNING.containsKey(key) && RUNNING.get(key).get() == 1);

		TaskMessage copy = TaskMessage.builder("unique.skip", first.id())
			.args(JsonNodeFactory.instance.arrayNode().add(key))
			.build();
		rabbitTemplate.send("", QUEUE, AmqpWireMessages.toAmqp(codec.encode(copy)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.redis.opsForZSet().zCard(PREFIX + "schedule") == 1);
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !first.isReady());

		release.countDown();
		assertThat(first.get(Duration.ofSeconds(10))).isEqualTo(key);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.redis.opsForZSet().zCard(PREFIX + "schedule") == 0);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> RUNS.get(key).size() == 1);
		assertThat(first.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(MAX_RUNNING.get(key).get()).isEqualTo(1);
	}

	@Test
	void retryRunsEveryTaskOneAtATime() {
		String key = "q-" + UUID.randomUUID();
		List<TaskHandle> handles = List.of(this.tasks.send("unique.retry", key, 150),
				this.tasks.send("unique.retry", key, 150), this.tasks.send("unique.retry", key, 150),
				this.tasks.send("unique.retry", key, 150));
		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(20))).isEqualTo(key);
			assertThat(handle.result().extended().retries()).isZero();
		}
		assertThat(RUNS.get(key)).hasSize(4);
		assertThat(MAX_RUNNING.get(key).get()).isEqualTo(1);
		List<Run> runs = RUNS.get(key).stream().sorted((a, b) -> a.start().compareTo(b.start())).toList();
		for (int i = 1; i < runs.size(); i++) {
			assertThat(runs.get(i).start()).isAfterOrEqualTo(runs.get(i - 1).end());
		}
	}

	@Test
	void perTaskPropertiesMakeATaskExclusive() {
		String key = "c-" + UUID.randomUUID();
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(key, release);
		TaskHandle first = this.tasks.send("unique.configured", key);
		await().atMost(Duration.ofSeconds(10)).until(() -> RUNNING.containsKey(key) && RUNNING.get(key).get() == 1);
		TaskHandle second = this.tasks.send("unique.configured", key);
		await().atMost(Duration.ofSeconds(10)).until(second::state, TaskState.REVOKED::equals);
		release.countDown();
		assertThat(first.get(Duration.ofSeconds(10))).isEqualTo(key);
	}

	@Test
	void theLeaseOfADeadWorkerExpiresAndTheNextRunProceeds() {
		String key = "d-" + UUID.randomUUID();
		String redisKey = PREFIX + "exclusive:unique.retry:" + key;
		// What a worker that died mid-task leaves behind: its lease, no longer renewed. Taken no sooner than now,
		// so it lapses no sooner than 1.5 s from now.
		Instant beforeLease = Instant.now();
		this.redis.opsForValue().set(redisKey, "dead-worker-token", Duration.ofMillis(1500));
		TaskHandle handle = this.tasks.send("unique.retry", key, 0);
		assertThat(handle.get(Duration.ofSeconds(15))).isEqualTo(key);
		assertThat(RUNS.get(key)).hasSize(1);
		assertThat(RUNS.get(key).get(0).start()).isAfterOrEqualTo(beforeLease.plusMillis(1500));
		assertThat(handle.result().extended().retries()).isZero();
	}

	@Test
	void aRunningTaskRenewsItsLeaseAndReleasesItWhenDone() {
		String key = "n-" + UUID.randomUUID();
		String redisKey = PREFIX + "exclusive:unique.renewed:" + key;
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(key, release);
		TaskHandle first = this.tasks.send("unique.renewed", key);
		await().atMost(Duration.ofSeconds(10)).until(() -> RUNNING.containsKey(key) && RUNNING.get(key).get() == 1);
		// Longer than the 3 s lease, which would be gone without renewal. Renewed every second, it outlasts a
		// renewal held up by a loaded machine for up to two.
		await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> {
			Long ttl = this.redis.getExpire(redisKey, TimeUnit.MILLISECONDS);
			return ttl != null && ttl > 0 && ttl <= 3000;
		});
		TaskHandle second = this.tasks.send("unique.renewed", key);
		await().atMost(Duration.ofSeconds(10)).until(second::state, TaskState.REVOKED::equals);
		release.countDown();
		assertThat(first.get(Duration.ofSeconds(10))).isEqualTo(key);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.redis.hasKey(redisKey));
		assertThat(RUNS.get(key)).hasSize(1);
	}

	/**
	 * Runs that wait for an exclusive key do not start, so they take no rate-limit slot: a task with another key
	 * starts at the next slot, however many runs wait (each re-entry used to take a slot, pushing other keys back
	 * a slot per re-entry).
	 */
	@Test
	void runsWaitingForAnExclusiveKeyTakeNoRateLimitSlot() {
		String busy = "busy-" + UUID.randomUUID();
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(busy, release);
		TaskHandle holder = this.tasks.send("unique.limited", busy);
		await().atMost(Duration.ofSeconds(10)).until(() -> RUNNING.containsKey(busy) && RUNNING.get(busy).get() == 1);
		List<TaskHandle> waiting = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			waiting.add(this.tasks.send("unique.limited", busy));
		}
		String other = "other-" + UUID.randomUUID();
		long sent = System.nanoTime();
		TaskHandle otherKey = this.tasks.send("unique.limited", other);

		assertThat(otherKey.get(Duration.ofSeconds(30))).isEqualTo(other);
		// At 1/s, eight slots taken by the waiting runs would hold it back eight seconds or more.
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(5));
		release.countDown();
		assertThat(holder.get(Duration.ofSeconds(10))).isEqualTo(busy);
		for (TaskHandle handle : waiting) {
			assertThat(handle.get(Duration.ofSeconds(60))).isEqualTo(busy);
		}
		assertThat(MAX_RUNNING.get(busy)).hasValue(1);
	}

	/**
	 * A run abandoned at its hard time limit may go on in its thread (the JVM cannot stop a thread that ignores
	 * interrupts): its exclusive key stays held, and renewed, until that thread really ends.
	 */
	@Test
	void anAbandonedRunHoldsItsExclusiveKeyUntilItsThreadEnds() {
		String key = "a-" + UUID.randomUUID();
		String redisKey = PREFIX + "exclusive:unique.abandoned:" + key;
		CountDownLatch release = new CountDownLatch(1);
		RELEASE.put(key, release);
		TaskHandle abandoned = this.tasks.send("unique.abandoned", key);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> abandoned.get(Duration.ofSeconds(15)))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("TimeLimitExceeded"));
		assertThat(RUNNING.get(key)).as("the abandoned run goes on").hasValue(1);
		// Held past the FAILURE for more than three lease lengths: renewed, not released with the outcome.
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> this.redis.hasKey(redisKey));
		TaskHandle meanwhile = this.tasks.send("unique.abandoned", key);
		await().atMost(Duration.ofSeconds(10)).until(meanwhile::state, TaskState.REVOKED::equals);

		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.redis.hasKey(redisKey));
		assertThat(this.tasks.send("unique.abandoned", key).get(Duration.ofSeconds(10))).isEqualTo(key);
		assertThat(MAX_RUNNING.get(key)).hasValue(1);
	}

	record Run(Instant start, Instant end) {
	}

	static class Handlers {

		@TaskHandler("unique.count")
		String count(String value) {
			COUNTS.computeIfAbsent(value, (key) -> new AtomicInteger()).incrementAndGet();
			return value;
		}

		@TaskHandler(name = "unique.skip", exclusiveKey = "#reportId", onConflict = OnConflict.SKIP)
		String skip(String reportId) throws InterruptedException {
			return exclusive(reportId, () -> RELEASE.get(reportId).await(30, TimeUnit.SECONDS));
		}

		@TaskHandler(name = "unique.retry", exclusiveKey = "#reportId", onConflict = OnConflict.RETRY)
		String retry(String reportId, long millis, TaskContext context) throws InterruptedException {
			// The task's own work: taking this long is what makes runs overlap without exclusion.
			return exclusive(reportId, () -> Thread.sleep(millis));
		}

		@TaskHandler(name = "unique.renewed", exclusiveKey = "#args[0]", onConflict = OnConflict.SKIP)
		String renewed(String reportId) throws InterruptedException {
			return exclusive(reportId, () -> RELEASE.get(reportId).await(30, TimeUnit.SECONDS));
		}

		@TaskHandler("unique.configured")
		String configured(String key) throws InterruptedException {
			return exclusive(key, () -> RELEASE.get(key).await(30, TimeUnit.SECONDS));
		}

		@TaskHandler(name = "unique.limited", exclusiveKey = "#key", onConflict = OnConflict.RETRY)
		String limited(String key) throws InterruptedException {
			return exclusive(key, () -> {
				CountDownLatch release = RELEASE.get(key);
				if (release != null) {
					release.await(30, TimeUnit.SECONDS);
				}
			});
		}

		@TaskHandler(name = "unique.abandoned", exclusiveKey = "#key", onConflict = OnConflict.SKIP)
		String abandoned(String key) throws InterruptedException {
			return exclusive(key, () -> {
				CountDownLatch release = RELEASE.get(key);
				// A handler that ignores interrupts, as a blocking socket read does.
				while (release.getCount() > 0) {
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						// ignored on purpose
					}
				}
			});
		}

		private static String exclusive(String key, Work work) throws InterruptedException {
			AtomicInteger running = RUNNING.computeIfAbsent(key, (k) -> new AtomicInteger());
			int now = running.incrementAndGet();
			MAX_RUNNING.computeIfAbsent(key, (k) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			Instant start = Instant.now();
			try {
				work.run();
			}
			finally {
				RUNS.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(new Run(start, Instant.now()));
				running.decrementAndGet();
			}
			return key;
		}

	}

	@FunctionalInterface
	interface Work {

		void run() throws InterruptedException;

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
