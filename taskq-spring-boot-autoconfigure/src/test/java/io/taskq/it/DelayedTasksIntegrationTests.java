package io.taskq.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.broker.TaskBroker;
import io.taskq.broker.rabbit.AmqpWireMessages;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.schedule.ScheduledTaskPromoter;
import io.taskq.store.redis.RedisTaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Countdown and ETA: delayed tasks wait in the durable Redis schedule, not in worker memory, and run when due;
 * a promoter that dies after claiming loses nothing; several promoters never publish a task twice.
 */
@TaskqIntegrationTest(DelayedTasksIntegrationTests.Config.class)
class DelayedTasksIntegrationTests {

	static final Map<String, Instant> STARTED = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.worker.concurrency", () -> "4");
		registry.add("taskq.worker.prefetch", () -> "50");
	}

	@Value("${taskq.default-queue}")
	String queue;

	@Value("${taskq.redis.key-prefix}")
	String prefix;

	@Autowired
	TaskOperations tasks;

	@Autowired
	RedisTaskSchedule schedule;

	@Autowired
	TaskBroker broker;

	@Autowired
	TaskMessageCodec codec;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Autowired
	RedisConnectionFactory redisConnectionFactory;

	@Test
	void countdownRunsTheTaskWhenDueAndNotBefore() {
		Instant sent = Instant.now();
		TaskHandle handle = this.tasks.send(TaskRequest.builder("delayed.mark").countdown(Duration.ofMillis(1500)).build());
		assertThat(handle.isReady()).isFalse();
		assertThat(handle.get(Duration.ofSeconds(10))).isEqualTo("ran");
		Instant started = STARTED.get(handle.id());
		assertThat(started).isAfterOrEqualTo(sent.plusMillis(1500));
		assertThat(Duration.between(sent.plusMillis(1500), started)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void aMessageArrivingBeforeItsEtaWaitsInTheSchedule() {
		String id = "eta-" + UUID.randomUUID();
		// Due in 5 s: it is seen on the schedule before then even while a loaded machine holds up the worker.
		Instant eta = Instant.now().plusSeconds(5);
		TaskMessage message = TaskMessage.builder("delayed.mark", id).eta(eta).build();
		// Published straight to the queue, as a Python client's apply_async(countdown=...) is.
		this.rabbitTemplate.send("", this.queue, AmqpWireMessages.toAmqp(this.codec.encode(message)));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.schedule.size() > 0 || STARTED.containsKey(id));
		assertThat(STARTED).doesNotContainKey(id);
		assertThat(this.tasks.handle(id).get(Duration.ofSeconds(20))).isEqualTo("ran");
		assertThat(STARTED.get(id)).isAfterOrEqualTo(eta);
		assertThat(RUNS.get(id)).hasValue(1);
	}

	@Test
	void entriesOfAPromoterThatDiedAfterClaimingAreTakenOverWhenItsLeaseLapses() {
		String id = "orphan-" + UUID.randomUUID();
		TaskMessage message = TaskMessage.builder("delayed.mark", id).build();
		RedisTaskSchedule orphanSchedule = new RedisTaskSchedule(new StringRedisTemplate(this.redisConnectionFactory),
				JsonMapper.builder().build(), this.prefix + "orphan:", Duration.ofHours(1));
		Instant claimed = Instant.now();
		Instant lapses = claimed.plusSeconds(2);
		orphanSchedule.schedule(this.queue, this.codec.encode(message), claimed, id);
		assertThat(orphanSchedule.claimDue(claimed, lapses, 10)).hasSize(1);
		// The claimer dies here: it neither publishes nor completes. Time is the survivor's clock, not the wall's.
		assertThat(promoterAt(orphanSchedule, lapses.minusMillis(1)).promoteDue()).isZero();
		assertThat(promoterAt(orphanSchedule, lapses).promoteDue()).isOne();
		assertThat(this.tasks.handle(id).get(Duration.ofSeconds(10))).isEqualTo("ran");
		assertThat(orphanSchedule.size()).isZero();
	}

	private ScheduledTaskPromoter promoterAt(RedisTaskSchedule schedule, Instant now) {
		return new ScheduledTaskPromoter(schedule, this.broker, Duration.ofMillis(100),
				Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC), Executors.defaultThreadFactory());
	}

	@Test
	void twoPromotersPublishEveryTaskOnceAndOnTime() throws Exception {
		RedisTaskSchedule shared = new RedisTaskSchedule(new StringRedisTemplate(this.redisConnectionFactory),
				JsonMapper.builder().build(), this.prefix + "two-promoters:", Duration.ofHours(1));
		Instant start = Instant.now();
		Map<String, Instant> due = new HashMap<>();
		for (int i = 0; i < 300; i++) {
			String id = "two-promoters-" + i + "-" + UUID.randomUUID();
			Instant at = start.plusMillis(10L * i);
			shared.schedule(this.queue, this.codec.encode(TaskMessage.builder("delayed.mark", id).build()), at, id);
			due.put(id, at);
		}
		// Both poll every 100 ms of their clocks, at the same instants and at once. After each poll, exactly the
		// entries due by then are gone: none is published early, none waits for a later poll.
		ExecutorService pollers = Executors.newFixedThreadPool(2);
		try {
			int published = 0;
			for (Instant now = start; !now.isAfter(start.plusSeconds(3)); now = now.plusMillis(100)) {
				Instant pollAt = now;
				Future<Integer> first = pollers.submit(() -> promoterAt(shared, pollAt).promoteDue());
				Future<Integer> second = pollers.submit(() -> promoterAt(shared, pollAt).promoteDue());
				published += first.get(30, TimeUnit.SECONDS) + second.get(30, TimeUnit.SECONDS);
				long dueByNow = due.values().stream().filter((at) -> !at.isAfter(pollAt)).count();
				assertThat(shared.size()).as("entries left after the poll at %s", pollAt).isEqualTo(300 - dueByNow);
			}
			assertThat(published).isEqualTo(300);
		}
		finally {
			pollers.shutdownNow();
		}
		for (String id : due.keySet()) {
			assertThat(this.tasks.handle(id).get(Duration.ofSeconds(30))).isEqualTo("ran");
		}
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
			.until(() -> due.keySet().stream().allMatch((id) -> RUNS.get(id).get() == 1));
	}

	static class Handlers {

		@TaskHandler("delayed.mark")
		String mark(TaskContext context) {
			STARTED.putIfAbsent(context.getTaskId(), Instant.now());
			RUNS.computeIfAbsent(context.getTaskId(), (id) -> new AtomicInteger()).incrementAndGet();
			return "ran";
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
