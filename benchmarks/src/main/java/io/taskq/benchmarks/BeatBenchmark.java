package io.taskq.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatScheduler;
import io.taskq.broker.TaskBroker;
import io.taskq.store.ResultStore;
import io.taskq.store.redis.RedisResultStore;

/**
 * The periodic-tasks check ({@code --beat=true}), measured from outside the schedulers. Each round adds its
 * schedules through {@link BeatOperations} (timed), then starts three scheduler instances, each a JVM of its own
 * ({@link BeatInstance}) on the run's Redis key prefix. Every schedule sends to one queue, declared here and read
 * by a plain RabbitMQ consumer (a Spring AMQP listener container, which consumes again after a lost connection),
 * which takes each message's arrival time and its {@code taskq_beat_schedule} and {@code taskq_beat_tick} headers.
 * After a warm-up from the instances' first polls, over a window: lateness (arrival minus tick) of the ticks in
 * the window, duplicates of a (schedule, tick), ticks in the window that never arrived, CPU of each instance (from
 * {@code /proc/<pid>/stat}), Redis commands per second ({@code INFO stats}, every client's) and each instance's
 * polls per second. The rounds: 10, 1,000 and 100,000 schedules at the same total rate of ticks (period = schedules
 * / rate, anchors spread evenly over the period), then one schedule every second.
 */
final class BeatBenchmark implements AutoCloseable {

	static final int INSTANCES = 3;

	private static final String TASK = "bench.beat";

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private static final Duration GRACE = Duration.ofSeconds(10);

	private static final Duration IDLE = Duration.ofSeconds(5);

	private static final int BATCH = 10_000;

	/** The unit of utime and stime in {@code /proc/<pid>/stat} (USER_HZ): 100 on Linux for x86 and arm. */
	private static final int USER_HZ = 100;

	private final BenchmarkOptions options;

	private final String run = UUID.randomUUID().toString();

	private final String queue = "bench-beat-" + this.run;

	private final String keyPrefix = "bench-beat-" + this.run + ":";

	private final ConfigurableApplicationContext context;

	private final BeatOperations beats;

	private final StringRedisTemplate redis;

	private final RedisResultStore results;

	private final SimpleMessageListenerContainer consumer;

	private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

	private final List<Instance> instances = new ArrayList<>();

	private final Thread killInstances = new Thread(() -> this.instances.forEach(Instance::kill));

	BeatBenchmark(BenchmarkOptions options) {
		this.options = options;
		this.context = BenchmarkApplication.start("taskq.worker.enabled=false",
				"taskq.redis.key-prefix=" + this.keyPrefix, "taskq.result.expires=" + options.expirySeconds() + "s");
		this.beats = this.context.getBean(BeatOperations.class);
		this.redis = this.context.getBean(StringRedisTemplate.class);
		this.results = (RedisResultStore) this.context.getBean(ResultStore.class);
		this.context.getBean(TaskBroker.class).declare(this.queue);
		this.consumer = new SimpleMessageListenerContainer(this.context.getBean(ConnectionFactory.class));
		this.consumer.setQueueNames(this.queue);
		this.consumer.setAcknowledgeMode(AcknowledgeMode.NONE);
		this.consumer.setPrefetchCount(1_000);
		this.consumer.setMessageListener((message) -> {
			long arrived = System.currentTimeMillis();
			Map<String, Object> headers = message.getMessageProperties().getHeaders();
			Object schedule = headers.get(BeatScheduler.SCHEDULE_HEADER);
			Object tick = headers.get(BeatScheduler.TICK_HEADER);
			if (schedule != null && tick != null) {
				this.arrivals.add(new Arrival(schedule.toString(), Instant.parse(tick.toString()).toEpochMilli(),
						arrived, String.valueOf(headers.get("id"))));
			}
		});
		this.consumer.start();
		Runtime.getRuntime().addShutdownHook(this.killInstances);
	}

	/**
	 * One round: add the schedules, start the instances, warm up, measure over the window, stop them.
	 * @param schedules how many schedules
	 * @param period the period of each
	 * @return the round's figures
	 */
	Figures round(int schedules, Duration period) throws IOException, InterruptedException {
		String names = "s" + schedules + "-" + period.toMillis() + "-";
		Duration spacing = period.dividedBy(schedules);
		Instant anchor = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long saveNanos = Producers.run(schedules, this.options.producers(),
				(i) -> this.beats.save(BeatSchedule.builder(names + i, TASK)
					.every(period)
					.start(anchor.plus(spacing.multipliedBy(i)))
					.queue(this.queue)
					.build()));
		Benchmark.progress("%d schedules saved in %.2f s", schedules, saveNanos / 1e9);
		long idleCommands = redisCommands();
		Thread.sleep(IDLE.toMillis());
		double idlePerSecond = (redisCommands() - idleCommands) / (double) IDLE.toSeconds();
		for (int i = 0; i < INSTANCES; i++) {
			this.instances.add(new Instance(i));
		}
		long firstPoll = 0;
		for (Instance instance : this.instances) {
			firstPoll = Math.max(firstPoll, instance.awaitPolling());
		}
		Benchmark.progress("%d instances polling, the last %.1f s after its start; warm-up %d s, then a window of "
				+ "%d s", INSTANCES, firstPoll / 1e9, this.options.beatWarmup(), this.options.beatWindow());
		Thread.sleep(this.options.beatWarmup() * 1_000L);
		Snapshot start = snapshot();
		Thread.sleep(this.options.beatWindow() * 1_000L);
		Snapshot end = snapshot();
		Thread.sleep(Math.max(0, end.millis + GRACE.toMillis() - System.currentTimeMillis()));
		stopInstances();
		List<Arrival> received = new ArrayList<>(this.arrivals);
		this.arrivals.clear();
		clean(received);
		double seconds = (end.millis - start.millis) / 1e3;
		double[] cpu = new double[INSTANCES];
		double[] polls = new double[INSTANCES];
		for (int i = 0; i < INSTANCES; i++) {
			cpu[i] = 100.0 * (end.cpuTicks[i] - start.cpuTicks[i]) / USER_HZ / seconds;
			polls[i] = (end.polls[i][1] - start.polls[i][1]) * 1e3 / Math.max(1, end.polls[i][0] - start.polls[i][0]);
		}
		Ticks ticks = count(received, names, schedules, anchor, spacing, period, start.millis, end.millis);
		Figures figures = new Figures(schedules, period, saveNanos, firstPoll, ticks.lateness, ticks.duplicates,
				ticks.missing, cpu, (end.redisCommands - start.redisCommands) / seconds, idlePerSecond, polls);
		Benchmark.progress("%s", figures);
		return figures;
	}

	/**
	 * Lateness of the ticks in the window, duplicates among all messages of the round, and ticks in the window
	 * that never arrived.
	 */
	private static Ticks count(List<Arrival> received, String names, int schedules, Instant anchor,
			Duration spacing, Duration period, long from, long to) {
		Set<String> seen = new HashSet<>();
		List<Long> lateness = new ArrayList<>();
		long duplicates = 0;
		for (Arrival arrival : received) {
			if (!seen.add(arrival.schedule + "@" + arrival.tick)) {
				duplicates++;
			}
			else if (arrival.tick >= from && arrival.tick < to) {
				lateness.add(arrival.arrived - arrival.tick);
			}
		}
		long missing = 0;
		long periodMillis = period.toMillis();
		for (int i = 0; i < schedules; i++) {
			long start = anchor.plus(spacing.multipliedBy(i)).toEpochMilli();
			long first = (start >= from) ? start
					: start + Math.floorDiv(from - start + periodMillis - 1, periodMillis) * periodMillis;
			for (long tick = first; tick < to; tick += periodMillis) {
				if (!seen.contains(names + i + "@" + tick)) {
					missing++;
				}
			}
		}
		long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Ticks(sorted, duplicates, missing);
	}

	private Snapshot snapshot() throws IOException {
		long[] cpu = new long[INSTANCES];
		long[][] polls = new long[INSTANCES][];
		for (int i = 0; i < INSTANCES; i++) {
			cpu[i] = this.instances.get(i).cpuTicks();
			polls[i] = this.instances.get(i).stats;
		}
		return new Snapshot(System.currentTimeMillis(), redisCommands(), cpu, polls);
	}

	private long redisCommands() {
		Properties info = this.redis.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
			.info("stats"));
		return Long.parseLong(info.getProperty("total_commands_processed"));
	}

	private void stopInstances() throws InterruptedException {
		for (Instance instance : this.instances) {
			instance.process.destroy();
		}
		for (Instance instance : this.instances) {
			if (!instance.process.waitFor(30, TimeUnit.SECONDS)) {
				instance.kill();
			}
		}
		this.instances.clear();
	}

	/**
	 * Delete the run's keys (schedules, their state and histories, the ticks' idempotency keys) and the SENT
	 * records of the tasks received, so that the next round starts from nothing.
	 */
	private void clean(List<Arrival> received) {
		List<String> keys = new ArrayList<>();
		try (var cursor = this.redis.scan(ScanOptions.scanOptions().match(this.keyPrefix + "*").count(1_000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		received.forEach((arrival) -> keys.add(this.results.key(arrival.taskId)));
		for (int from = 0; from < keys.size(); from += BATCH) {
			this.redis.unlink(keys.subList(from, Math.min(keys.size(), from + BATCH)));
		}
	}

	@Override
	public void close() throws Exception {
		try {
			stopInstances();
			this.consumer.stop();
			AmqpAdmin admin = this.context.getBean(AmqpAdmin.class);
			admin.deleteQueue(this.queue);
			admin.deleteExchange(this.queue);
			clean(List.of());
		}
		finally {
			Runtime.getRuntime().removeShutdownHook(this.killInstances);
			this.context.close();
		}
	}

	/**
	 * A round's figures.
	 *
	 * @param schedules how many schedules
	 * @param period the period of each
	 * @param saveNanos how long adding them took
	 * @param firstPollNanos how long from an instance's start to its first poll, the longest of the instances
	 * @param lateness lateness of each tick of the window, in milliseconds, sorted
	 * @param duplicates messages of a (schedule, tick) received before
	 * @param missing ticks of the window that never arrived
	 * @param cpu CPU of each instance over the window, in percent of one core
	 * @param redisPerSecond Redis commands per second over the window, every client's
	 * @param idleRedisPerSecond Redis commands per second before the instances started, every client's
	 * @param pollsPerSecond polls per second of each instance over the window
	 */
	record Figures(int schedules, Duration period, long saveNanos, long firstPollNanos, long[] lateness,
			long duplicates, long missing, double[] cpu, double redisPerSecond, double idleRedisPerSecond,
			double[] pollsPerSecond) {

		@Override
		public String toString() {
			return String.format("%d schedules every %s: %d ticks, lateness p50/p99/max %s ms, %d duplicates, "
					+ "%d missing, CPU %s %%, Redis %.0f commands/s (%.0f before), polls/s %s", this.schedules,
					this.period, this.lateness.length, Report.lateness(this.lateness), this.duplicates,
					this.missing, Arrays.toString(this.cpu), this.redisPerSecond, this.idleRedisPerSecond,
					Arrays.toString(this.pollsPerSecond));
		}

	}

	private record Ticks(long[] lateness, long duplicates, long missing) {
	}

	private record Arrival(String schedule, long tick, long arrived, String taskId) {
	}

	/**
	 * @param polls per instance: the time (epoch milliseconds) of its latest stats line and its polls by then
	 */
	private record Snapshot(long millis, long redisCommands, long[] cpuTicks, long[][] polls) {
	}

	/**
	 * A scheduler instance: the benchmark jar in {@link BeatInstance#MODE}, its output read by a thread of its own.
	 */
	private final class Instance {

		private final Process process;

		private final CountDownLatch ready = new CountDownLatch(1);

		private final long started = System.nanoTime();

		private volatile long[] stats = { 0, 0 };

		Instance(int index) throws IOException {
			String jar = System.getProperty("java.class.path");
			if (!jar.endsWith(".jar")) {
				throw new IllegalStateException("--beat=true starts the benchmark jar again: run it with java -jar");
			}
			List<String> command = new ArrayList<>(List.of(
					ProcessHandle.current().info().command().orElse("java"), "-Xmx512m"));
			System.getProperties().forEach((name, value) -> {
				if (name.toString().startsWith("spring.")) {
					command.add("-D" + name + "=" + value);
				}
			});
			command.addAll(List.of("-jar", jar, BeatInstance.MODE,
					"taskq.redis.key-prefix=" + BeatBenchmark.this.keyPrefix, "taskq.worker.enabled=false",
					"taskq.beat.enabled=true",
					"taskq.result.expires=" + BeatBenchmark.this.options.expirySeconds() + "s"));
			this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
			Thread reader = new Thread(() -> read(index), "beat-instance-" + index);
			reader.setDaemon(true);
			reader.start();
		}

		private void read(int index) {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					if (line.equals(BeatInstance.READY)) {
						this.ready.countDown();
					}
					else if (line.startsWith(BeatInstance.STATS)) {
						String[] fields = line.substring(BeatInstance.STATS.length()).split(" ");
						this.stats = new long[] { Long.parseLong(fields[0]), Long.parseLong(fields[1]) };
					}
					else {
						System.err.println("[beat instance " + index + "] " + line);
					}
				}
			}
			catch (IOException ex) {
				// Closed when the instance stops.
			}
		}

		/**
		 * Wait until the instance has started and made its first poll (after synchronising its declared
		 * schedules).
		 * @return nanoseconds from its start
		 */
		long awaitPolling() throws InterruptedException {
			long deadline = this.started + STARTUP.toNanos();
			while (this.ready.getCount() > 0 || this.stats[1] == 0) {
				if (!this.process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("A beat instance did not start (exit "
							+ (this.process.isAlive() ? "none" : this.process.exitValue()) + ")");
				}
				Thread.sleep(100);
			}
			return System.nanoTime() - this.started;
		}

		/**
		 * User and system CPU time so far, in clock ticks.
		 */
		long cpuTicks() throws IOException {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}

		void kill() {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}

	}

}
