package io.taskq.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.broker.rabbit.AmqpWireMessages;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.store.redis.RedisTaskSchedule;

/**
 * The delayed-task check: task messages with an ETA a day ahead arrive on the worker's queue (as a Python
 * {@code apply_async(countdown=...)} sends them), and the worker moves each one to the Redis schedule. Used heap
 * after a full collection is read once 10,000 are scheduled, then at half and at all of {@code --delayed-n}. With
 * all of them pending, probe tasks due in 1 to 3 seconds are sent, and how late each one starts is measured.
 */
final class DelayedBenchmark implements AutoCloseable {

	private static final Duration WAIT = Duration.ofMinutes(30);

	private static final int BATCH = 1_000;

	private final String queue = "bench-delayed-" + UUID.randomUUID();

	private final String keyPrefix = "bench-delayed-" + UUID.randomUUID() + ":";

	private final ConfigurableApplicationContext context;

	private final TaskMessageCodec codec;

	private final RedisTaskSchedule schedule;

	private final StringRedisTemplate redis;

	private final CachingConnectionFactory publisherConnectionFactory;

	private final RabbitTemplate publisher;

	private int published;

	DelayedBenchmark(BenchmarkOptions options) {
		this.context = BenchmarkApplication.start("taskq.default-queue=" + this.queue,
				"taskq.worker.concurrency=" + options.concurrency(), "taskq.worker.prefetch=" + options.prefetch(),
				"taskq.redis.key-prefix=" + this.keyPrefix,
				"taskq.result.expires=" + options.expirySeconds() + "s");
		this.codec = this.context.getBean(TaskMessageCodec.class);
		this.schedule = this.context.getBean(RedisTaskSchedule.class);
		this.redis = this.context.getBean(StringRedisTemplate.class);
		this.publisherConnectionFactory = BenchmarkApplication.confirmingPublisher(this.context);
		this.publisher = new RabbitTemplate(this.publisherConnectionFactory);
	}

	/**
	 * Publish task messages due a day from now until {@code total} have been published, and wait until the
	 * worker has moved all of them to the schedule.
	 * @param total how many delayed messages in all
	 * @return used heap after a full collection, and the nanoseconds the worker took to schedule the new ones
	 */
	long[] heapAfter(int total) {
		long before = this.schedule.size();
		int count = total - this.published;
		Instant eta = Instant.now().plus(Duration.ofDays(1));
		long start = System.nanoTime();
		for (int from = 0; from < count; from += BATCH) {
			int size = Math.min(BATCH, count - from);
			int first = this.published + from;
			this.publisher.invoke((operations) -> {
				for (int i = 0; i < size; i++) {
					TaskMessage message = TaskMessage.builder(BenchmarkTasks.NOOP, UUID.randomUUID().toString())
						.eta(eta)
						.args(JsonNodeFactory.instance.arrayNode().add(first))
						.build();
					operations.send("", this.queue, AmqpWireMessages.toAmqp(this.codec.encode(message)));
				}
				operations.waitForConfirmsOrDie(60_000);
				return null;
			});
		}
		this.published = total;
		awaitScheduled(before + count);
		long elapsed = System.nanoTime() - start;
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return new long[] { ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), elapsed };
	}

	private void awaitScheduled(long size) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.schedule.size() < size) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + this.schedule.size() + " of " + size + " delayed tasks "
						+ "reached the schedule");
			}
			LockSupport.parkNanos(50_000_000);
		}
	}

	/**
	 * Bytes Redis uses, from {@code INFO memory}.
	 * @return used memory in bytes
	 */
	long redisUsedMemory() {
		Properties info = this.redis.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
			.info("memory"));
		return Long.parseLong(info.getProperty("used_memory"));
	}

	/**
	 * With every delayed task still pending, send tasks due 1 to 3 seconds from now through
	 * {@code TaskOperations} and measure how late each starts against its ETA.
	 * @param probes how many
	 * @return the lateness of each, in milliseconds, sorted
	 */
	long[] lateness(int probes) {
		TaskOperations tasks = this.context.getBean(TaskOperations.class);
		List<TaskHandle> handles = new ArrayList<>();
		long[] etas = new long[probes];
		for (int i = 0; i < probes; i++) {
			Instant eta = Instant.now().plusMillis(1_000 + ThreadLocalRandom.current().nextLong(2_000));
			etas[i] = eta.toEpochMilli();
			handles.add(tasks.send(TaskRequest.builder(BenchmarkTasks.STAMP).eta(eta).build()));
		}
		long[] late = new long[probes];
		for (int i = 0; i < probes; i++) {
			Long started = handles.get(i).get(Duration.ofMinutes(1), Long.class);
			if (started == null || started < etas[i]) {
				throw new IllegalStateException("Probe " + i + " started at " + started + ", before its ETA " + etas[i]);
			}
			late[i] = started - etas[i];
		}
		Arrays.sort(late);
		return late;
	}

	@Override
	public void close() {
		try {
			AmqpAdmin admin = this.context.getBean(AmqpAdmin.class);
			admin.deleteQueue(this.queue);
			admin.deleteExchange(this.queue);
			List<String> keys = new ArrayList<>();
			try (var cursor = this.redis.scan(ScanOptions.scanOptions().match(this.keyPrefix + "*").build())) {
				cursor.forEachRemaining(keys::add);
			}
			if (!keys.isEmpty()) {
				this.redis.unlink(keys);
			}
		}
		finally {
			this.publisherConnectionFactory.destroy();
			this.context.close();
		}
	}

}
