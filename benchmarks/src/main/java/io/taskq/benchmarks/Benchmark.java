package io.taskq.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.benchmarks.CountingResultStore.StoreCounter;
import io.taskq.broker.TaskBroker;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.store.ResultStore;
import io.taskq.store.redis.RedisResultStore;
import io.taskq.worker.TaskWorker;

/**
 * The benchmark's phases, in one run: the floor and taskq side by side (publish, then drain, in alternating
 * measured rounds after an excluded warm-up round), sequential round trips, I/O-bound concurrency, and
 * optionally the heap check, the delayed-task check and the Celery comparison (a Celery drain after the taskq
 * drain of each round, Celery round trips after taskq's). Every taskq and Celery result and every floor key is
 * read back and checked.
 */
final class Benchmark {

	private static final Duration WAIT = Duration.ofMinutes(30);

	private final BenchmarkOptions options;

	private final Report report;

	Benchmark(BenchmarkOptions options) {
		this.options = options;
		this.report = new Report(options);
	}

	void run() throws Exception {
		this.report.header();
		String queue = "bench-" + UUID.randomUUID();
		try (TaskqSide taskq = new TaskqSide(queue, this.options.concurrency(), this.options.prefetch(), false);
				@Nullable CeleryBenchmark celery = celery(taskq)) {
			Message sample = taskq.sampleMessage();
			this.report.messageSize(sample.getBody().length);
			progress("warm-up publish %.2f s", taskq.publish(this.options.warmup()) / 1e9);
			progress("warm-up drain %.2f s", taskq.drain(this.options.warmup()) / 1e9);
			String resultValue = taskq.rawResult(0);
			taskq.verifyAndClean();
			try (FloorBenchmark floor = floor(taskq, sample, resultValue)) {
				floor.publish(this.options.warmup(), this.options.producers());
				floor.drain(this.options.warmup());
				floor.verifyAndClean();
				if (celery != null) {
					progress("celery warm-up drain %.2f s", celery.drain(this.options.warmup()) / 1e9);
				}
				for (int round = 1; round <= this.options.rounds(); round++) {
					int n = this.options.n();
					long floorPublish = floor.publish(n, this.options.producers());
					long floorDrain = floor.drain(n);
					floor.verifyAndClean();
					long taskqPublish = taskq.publish(n);
					long taskqDrain = taskq.drain(n);
					taskq.verifyAndClean();
					this.report.round(round, floorPublish, floorDrain, taskqPublish, taskqDrain);
					if (celery != null) {
						this.report.celeryRound(round, celery.drain(n));
					}
				}
				long[] gcBefore = GarbageCollection.totals();
				this.report.floorRoundTrips(floor.roundTrips(this.options.rttWarmup(), this.options.rtt()),
						GarbageCollection.since(gcBefore));
			}
			long[] gcBefore = GarbageCollection.totals();
			this.report.roundTrips(taskq.roundTrips(this.options.rttWarmup(), this.options.rtt()),
					GarbageCollection.since(gcBefore));
			if (celery != null) {
				this.report.celeryRoundTrips(celery.roundTrips(this.options.rttWarmup(), this.options.rtt()));
			}
			if (this.options.heapN() > 0) {
				int half = this.options.heapN() / 2;
				this.report.heap(taskq.heapAfter(10_000), taskq.heapAfter(half),
						taskq.heapAfter(this.options.heapN() - half));
			}
		}
		String sleepQueue = "bench-sleep-" + UUID.randomUUID();
		boolean virtual = Runtime.version().feature() >= 21;
		try (TaskqSide sleeping = new TaskqSide(sleepQueue, this.options.sleepConcurrency(), 1, virtual)) {
			sleeping.sleepRun(Math.min(1_000, this.options.sleepTasks()));
			this.report.sleep(sleeping.sleepRun(this.options.sleepTasks()), virtual);
		}
		if (this.options.delayedN() > 0) {
			delayed();
		}
		if (this.options.beat()) {
			beat();
		}
		this.report.print();
	}

	private void delayed() {
		int n = this.options.delayedN();
		try (DelayedBenchmark delayed = new DelayedBenchmark(this.options)) {
			long redisBefore = delayed.redisUsedMemory();
			long[] small = delayed.heapAfter(Math.min(10_000, n));
			progress("%d delayed tasks scheduled", Math.min(10_000, n));
			long[] half = delayed.heapAfter(Math.max(Math.min(10_000, n), n / 2));
			progress("%d delayed tasks scheduled", n / 2);
			long[] all = delayed.heapAfter(n);
			progress("%d delayed tasks scheduled", n);
			long redisBytes = delayed.redisUsedMemory() - redisBefore;
			long[] lateness = delayed.lateness(this.options.delayedProbes());
			this.report.delayed(small[0], half[0], all[0], (small[1] + half[1] + all[1]), redisBytes, lateness);
		}
	}

	private void beat() throws Exception {
		int rate = this.options.beatRate();
		try (BeatBenchmark beat = new BeatBenchmark(this.options)) {
			for (int schedules : this.options.beatSchedules()) {
				this.report.beat(beat.round(schedules, Duration.ofMillis(schedules * 1_000L / rate)));
			}
			this.report.beat(beat.round(1, Duration.ofSeconds(1)));
		}
	}

	static void progress(String format, Object... args) {
		System.err.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
	}

	private @Nullable CeleryBenchmark celery(TaskqSide taskq) {
		if (!this.options.celery()) {
			return null;
		}
		CeleryBenchmark celery = CeleryBenchmark.start(taskq.context, this.options);
		progress("celery %s worker ready in %.2f s", celery.version(), celery.startupNanos() / 1e9);
		this.report.celeryWorker(celery.version(), celery.startupNanos());
		return celery;
	}

	private FloorBenchmark floor(TaskqSide taskq, Message sample, String resultValue) {
		CachingConnectionFactory publisherConnectionFactory = BenchmarkApplication.confirmingPublisher(taskq.context);
		publisherConnectionFactory.setPublisherReturns(true);
		return new FloorBenchmark(publisherConnectionFactory, taskq.context.getBean(ConnectionFactory.class),
				taskq.context.getBean(StringRedisTemplate.class), sample, resultValue, this.options);
	}

	/**
	 * taskq in an application context of its own: the producer ({@code TaskOperations}) and a worker pool on one
	 * queue.
	 */
	private final class TaskqSide implements AutoCloseable {

		private final String queue;

		private final int concurrency;

		private final ConfigurableApplicationContext context;

		private final TaskOperations tasks;

		private final TaskWorker worker;

		private final StoreCounter stored;

		private final ResultStore resultStore;

		private final StringRedisTemplate redis;

		private String[] ids = new String[0];

		TaskqSide(String queue, int concurrency, int prefetch, boolean virtualThreads) {
			this.queue = queue;
			this.concurrency = concurrency;
			this.context = BenchmarkApplication.start("taskq.default-queue=" + queue,
					"taskq.worker.concurrency=" + concurrency, "taskq.worker.prefetch=" + prefetch,
					"taskq.result.expires=" + Benchmark.this.options.expirySeconds() + "s",
					"spring.threads.virtual.enabled=" + virtualThreads);
			this.tasks = this.context.getBean(TaskOperations.class);
			this.worker = this.context.getBean(TaskWorker.class);
			this.stored = this.context.getBean(StoreCounter.class);
			this.resultStore = this.context.getBean(ResultStore.class);
			this.redis = this.context.getBean(StringRedisTemplate.class);
		}

		/**
		 * One no-op task message exactly as the broker delivers it to a worker.
		 */
		Message sampleMessage() {
			this.worker.stop();
			this.tasks.send(BenchmarkTasks.NOOP, 123_456);
			Message message = new RabbitTemplate(this.context.getBean(ConnectionFactory.class)).receive(this.queue,
					10_000);
			if (message == null) {
				throw new IllegalStateException("The sample task message did not arrive");
			}
			return message;
		}

		long publish(int n) {
			this.ids = new String[n];
			return Producers.run(n, Benchmark.this.options.producers(),
					(i) -> this.ids[i] = this.tasks.send(BenchmarkTasks.NOOP, i).id());
		}

		long drain(int n) {
			long target = this.stored.get() + n;
			long start = System.nanoTime();
			this.worker.start();
			long end = this.stored.awaitAtLeast(target, WAIT);
			this.worker.stop();
			return end - start;
		}

		String rawResult(int index) {
			return this.redis.opsForValue().get(((RedisResultStore) this.resultStore).key(this.ids[index]));
		}

		void verifyAndClean() {
			StoredResults.verifyAndDelete((RedisResultStore) this.resultStore, this.redis, this.ids);
		}

		/**
		 * Sequential send-and-wait round trips.
		 * @return the nanoseconds of each round trip, and of each send alone
		 */
		long[][] roundTrips(int warmup, int samples) {
			startWorker();
			long[] nanos = new long[samples];
			long[] sends = new long[samples];
			for (int i = -warmup; i < samples; i++) {
				long start = System.nanoTime();
				TaskHandle handle = this.tasks.send(BenchmarkTasks.NOOP, i);
				long sent = System.nanoTime();
				Integer result = handle.get(Duration.ofSeconds(10), Integer.class);
				long end = System.nanoTime();
				if (result == null || result != i) {
					throw new IllegalStateException("Round trip " + i + " returned " + result);
				}
				if (i >= 0) {
					nanos[i] = end - start;
					sends[i] = sent - start;
				}
			}
			this.worker.stop();
			return new long[][] { nanos, sends };
		}

		/**
		 * Send sleeping tasks to the running, idle worker and wait for all their results.
		 * @return elapsed nanoseconds of the sends and until the last result
		 */
		long[] sleepRun(int n) {
			startWorker();
			long millis = Benchmark.this.options.sleepMillis();
			String[] sent = new String[n];
			long target = this.stored.get() + n;
			long start = System.nanoTime();
			long publish = Producers.run(n, Benchmark.this.options.sleepProducers(),
					(i) -> sent[i] = this.tasks.send(BenchmarkTasks.SLEEP, i, millis).id());
			long end = this.stored.awaitAtLeast(target, WAIT);
			this.ids = sent;
			verifyAndClean();
			return new long[] { publish, end - start };
		}

		/**
		 * Run n tasks through the running worker (results stored, then deleted), then measure the used heap
		 * after a full collection.
		 */
		long heapAfter(int n) {
			startWorker();
			int chunk = 50_000;
			for (int done = 0; done < n; done += chunk) {
				int size = Math.min(chunk, n - done);
				long target = this.stored.get() + size;
				publish(size);
				this.stored.awaitAtLeast(target, WAIT);
				verifyAndClean();
			}
			// The ids of the last chunk are the benchmark's, not the worker's: drop them before measuring.
			this.ids = new String[0];
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

		private void startWorker() {
			this.worker.start();
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			for (TaskBroker.QueueConsumer consumer : this.worker.getConsumers().values()) {
				while (consumer.activeConsumers() < this.concurrency) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Only " + consumer.activeConsumers() + " of "
								+ this.concurrency + " consumers started");
					}
					LockSupport.parkNanos(1_000_000);
				}
			}
		}

		@Override
		public void close() {
			try {
				this.worker.stop();
				AmqpAdmin admin = this.context.getBean(AmqpAdmin.class);
				admin.deleteQueue(this.queue);
				admin.deleteExchange(this.queue);
			}
			finally {
				this.context.close();
			}
		}

	}

}
