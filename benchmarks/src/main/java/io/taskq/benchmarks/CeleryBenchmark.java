package io.taskq.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.FileSystemUtils;

import io.taskq.benchmarks.CountingResultStore.StoreCounter;
import io.taskq.control.CeleryRemoteControl;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.result.CeleryResultFormat;
import io.taskq.result.TaskState;
import io.taskq.store.redis.RedisResultStore;

/**
 * The Celery comparison ({@code --celery=true}): a real Python Celery worker ({@code celery worker
 * --pool=prefork}, as many processes as the taskq worker has consumers, late acks, a prefetch multiplier equal to
 * the taskq consumers' prefetch, results in Redis) on a queue of its own, sent its no-op task by name through
 * taskq's {@code TaskOperations}, the way taskq calls any Python task.
 * <p>
 * The drain is timed as taskq's: the tasks are queued while the worker consumes nothing (its consumer cancelled
 * with Celery's {@code cancel_consumer} remote-control command), then it is told to consume ({@code add_consumer})
 * and the time runs until the last result is stored, seen through the notification Celery's Redis backend
 * publishes with each result. The worker starts once, before the warm-up, and measures its start-up apart; between
 * its drains its consumer stays cancelled, so it idles while the floor and taskq run.
 */
final class CeleryBenchmark implements AutoCloseable {

	private static final String NOOP = "bench.celery.noop";

	private static final String MODULE = "celery_bench";

	private static final String READY = "celery-bench ready ";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(1);

	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STALL_TIMEOUT = Duration.ofMinutes(1);

	private static final int OUTPUT_LINES = 50;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String queue = "bench-celery-" + UUID.randomUUID();

	private final AtomicLong sequence = new AtomicLong();

	private final BenchmarkOptions options;

	private final TaskOperations tasks;

	private final RedisResultStore resultStore;

	private final StringRedisTemplate redis;

	private final AmqpAdmin admin;

	private final RabbitTemplate rabbitTemplate;

	private final RabbitConnectionDetails rabbit;

	private final DataRedisConnectionDetails redisDetails;

	private final CeleryResultFormat format = new CeleryResultFormat(JSON);

	private final RedisMessageListenerContainer notifications = new RedisMessageListenerContainer();

	private final StoreCounter stored = new StoreCounter();

	private final Set<String> succeeded = ConcurrentHashMap.newKeySet();

	private final Deque<String> output = new ArrayDeque<>();

	private final CompletableFuture<String> ready = new CompletableFuture<>();

	private final Thread shutdownHook;

	private final Path directory;

	private @Nullable Process worker;

	private String nodeName = "";

	private String version = "";

	private long startupNanos;

	private String[] ids = new String[0];

	private CeleryBenchmark(ConfigurableApplicationContext context, BenchmarkOptions options) throws IOException {
		this.options = options;
		this.tasks = context.getBean(TaskOperations.class);
		this.resultStore = context.getBean(RedisResultStore.class);
		this.redis = context.getBean(StringRedisTemplate.class);
		this.admin = context.getBean(AmqpAdmin.class);
		this.rabbitTemplate = new RabbitTemplate(context.getBean(ConnectionFactory.class));
		this.rabbit = context.getBean(RabbitConnectionDetails.class);
		this.redisDetails = context.getBean(DataRedisConnectionDetails.class);
		this.directory = Files.createTempDirectory("taskq-celery-bench");
		this.shutdownHook = new Thread(() -> {
			stopWorker();
			FileSystemUtils.deleteRecursively(this.directory.toFile());
		}, "celery-worker-stop");
		this.notifications.setConnectionFactory(context.getBean(RedisConnectionFactory.class));
		// Counting in Redis's own pub/sub thread: the default executor starts a thread per notification.
		this.notifications.setTaskExecutor(new SyncTaskExecutor());
		String channelPrefix = this.resultStore.key(this.queue + "-");
		this.notifications.addMessageListener((message, pattern) -> {
			String taskId = new String(message.getChannel(), StandardCharsets.UTF_8).substring(channelPrefix.length());
			String json = new String(message.getBody(), StandardCharsets.UTF_8);
			if (TaskState.SUCCESS.equals(this.format.read(taskId, json).state()) && this.succeeded.add(taskId)) {
				this.stored.increment();
			}
		}, new PatternTopic(channelPrefix + "*"));
		this.notifications.afterPropertiesSet();
		this.notifications.start();
	}

	/**
	 * Start the Celery worker and wait until it is ready, then cancel its consumer.
	 * @param context the application context whose {@code TaskOperations} sends the tasks
	 * @param options the benchmark's options
	 * @return the running comparison, to be closed
	 */
	static CeleryBenchmark start(ConfigurableApplicationContext context, BenchmarkOptions options) {
		CeleryBenchmark celery;
		try {
			celery = new CeleryBenchmark(context, options);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create a directory for the Celery worker's module", ex);
		}
		try {
			celery.startWorker();
			return celery;
		}
		catch (RuntimeException ex) {
			celery.close();
			throw ex;
		}
	}

	private void startWorker() {
		Path module = this.directory.resolve(MODULE + ".py");
		ProcessBuilder builder = new ProcessBuilder(this.options.python(), "-m", "celery", "-A", MODULE, "worker",
				"-Q", this.queue, "--pool=prefork", "-c", Integer.toString(this.options.concurrency()),
				"--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=WARNING", "-n",
				this.queue + "@%h")
			.directory(this.directory.toFile())
			.redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.put("PYTHONPATH", this.directory.toString());
		environment.put("PYTHONUNBUFFERED", "1");
		environment.put("PYTHONDONTWRITEBYTECODE", "1");
		environment.put("TASKQ_BENCH_BROKER", brokerUrl());
		environment.put("TASKQ_BENCH_BACKEND", backendUrl());
		environment.put("TASKQ_BENCH_PREFETCH_MULTIPLIER", Integer.toString(this.options.prefetch()));
		environment.put("TASKQ_BENCH_RESULT_EXPIRES", Long.toString(this.options.expirySeconds()));
		try (InputStream source = new ClassPathResource("celery/" + MODULE + ".py").getInputStream()) {
			Files.copy(source, module);
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
			long start = System.nanoTime();
			Process process = builder.start();
			this.worker = process;
			readOutput(process);
			String[] line = this.ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
				.substring(READY.length())
				.split(" ");
			this.startupNanos = System.nanoTime() - start;
			this.nodeName = line[0];
			this.version = line[1];
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the Celery worker with " + this.options.python(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The Celery worker did not get ready: " + ex + output());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		consume(false);
	}

	private void readOutput(Process process) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					remember(line);
					if (line.startsWith(READY)) {
						this.ready.complete(line);
					}
				}
			}
			catch (IOException ex) {
				remember("(output closed: " + ex.getMessage() + ")");
			}
			this.ready.completeExceptionally(new IllegalStateException("The Celery worker exited"));
		}, "celery-worker-output");
		reader.setDaemon(true);
		reader.start();
	}

	private void remember(String line) {
		synchronized (this.output) {
			if (this.output.size() == OUTPUT_LINES) {
				this.output.removeFirst();
			}
			this.output.addLast(line);
		}
	}

	private String output() {
		synchronized (this.output) {
			return "; its last output:\n" + String.join("\n", this.output);
		}
	}

	private String brokerUrl() {
		RabbitConnectionDetails.Address address = this.rabbit.getFirstAddress();
		String virtualHost = (this.rabbit.getVirtualHost() != null) ? this.rabbit.getVirtualHost() : "/";
		return "amqp://" + encode(this.rabbit.getUsername()) + ":" + encode(this.rabbit.getPassword()) + "@"
				+ address.host() + ":" + address.port() + "/" + encode(virtualHost);
	}

	private String backendUrl() {
		DataRedisConnectionDetails.Standalone standalone = this.redisDetails.getStandalone();
		String password = this.redisDetails.getPassword();
		String credentials = (password != null) ? encode(this.redisDetails.getUsername()) + ":" + encode(password) + "@"
				: "";
		return "redis://" + credentials + standalone.getHost() + ":" + standalone.getPort() + "/"
				+ standalone.getDatabase();
	}

	private static String encode(@Nullable String value) {
		return (value != null) ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : "";
	}

	/**
	 * The worker's Celery version.
	 * @return the version
	 */
	String version() {
		return this.version;
	}

	/**
	 * How long the worker took from starting the process to ready.
	 * @return nanoseconds
	 */
	long startupNanos() {
		return this.startupNanos;
	}

	/**
	 * Queue n tasks while the worker consumes nothing, then let it consume them; check and delete the results.
	 * @param n how many tasks
	 * @return nanoseconds from telling the worker to consume to the last result stored
	 */
	long drain(int n) {
		String[] sent = new String[n];
		this.succeeded.clear();
		Producers.run(n, this.options.producers(), (i) -> sent[i] = send(i).id());
		this.ids = sent;
		QueueInformation queued = this.admin.getQueueInfo(this.queue);
		if (queued == null || queued.getMessageCount() != n || queued.getConsumerCount() != 0) {
			throw new IllegalStateException("Expected " + n + " tasks queued and no consumer, found " + queued);
		}
		long target = this.stored.get() + n;
		long start = System.nanoTime();
		consume(true);
		long end = awaitStored(target);
		consume(false);
		StoredResults.verifyAndDelete(this.resultStore, this.redis, this.ids);
		return end - start;
	}

	/**
	 * Sequential send-and-wait round trips through {@code TaskHandle.get}; the results are deleted afterwards.
	 * @param warmup excluded round trips first
	 * @param samples measured round trips
	 * @return the nanoseconds of each measured round trip
	 */
	long[] roundTrips(int warmup, int samples) {
		this.ids = new String[warmup + samples];
		long[] nanos = new long[samples];
		consume(true);
		for (int i = -warmup; i < samples; i++) {
			long start = System.nanoTime();
			TaskHandle handle = send(i);
			this.ids[warmup + i] = handle.id();
			Integer result = handle.get(Duration.ofSeconds(10), Integer.class);
			long end = System.nanoTime();
			if (result == null || result != i) {
				throw new IllegalStateException("Celery round trip " + i + " returned " + result);
			}
			if (i >= 0) {
				nanos[i] = end - start;
			}
		}
		consume(false);
		deleteResults();
		return nanos;
	}

	private TaskHandle send(int index) {
		// Ids starting with the queue's name: one pattern subscription sees the results of these tasks only.
		String taskId = this.queue + "-" + this.sequence.incrementAndGet();
		return this.tasks.send(TaskRequest.builder(NOOP).queue(this.queue).taskId(taskId).args(index).build());
	}

	private long awaitStored(long target) {
		long count = this.stored.get();
		long progress = System.nanoTime();
		while (true) {
			long now = System.nanoTime();
			long current = this.stored.get();
			if (current >= target) {
				return now;
			}
			if (current != count) {
				count = current;
				progress = now;
			}
			else if (now - progress > STALL_TIMEOUT.toNanos() || (now - progress > 1_000_000_000L && !alive())) {
				throw new IllegalStateException("Only " + current + " of " + target + " Celery results stored; "
						+ "none for " + Duration.ofNanos(now - progress).toSeconds() + " s" + output());
			}
			LockSupport.parkNanos(100_000);
		}
	}

	private boolean alive() {
		return this.worker != null && this.worker.isAlive();
	}

	/**
	 * Tell the worker to consume its queue or to stop consuming it (Celery's {@code add_consumer} and
	 * {@code cancel_consumer} remote-control commands, addressed to this worker alone); after a cancel, wait until
	 * the broker shows no consumer on the queue.
	 */
	private void consume(boolean consume) {
		Map<String, Object> command = Map.of("method", consume ? "add_consumer" : "cancel_consumer", "arguments",
				Map.of("queue", this.queue), "destination", List.of(this.nodeName));
		MessageProperties properties = new MessageProperties();
		properties.setContentType("application/json");
		properties.setContentEncoding("utf-8");
		properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
		this.rabbitTemplate.send(CeleryRemoteControl.EXCHANGE, "",
				new Message(JSON.writeValueAsBytes(command), properties));
		if (!consume) {
			long deadline = System.nanoTime() + CONTROL_TIMEOUT.toNanos();
			QueueInformation info = this.admin.getQueueInfo(this.queue);
			while (info == null || info.getConsumerCount() > 0) {
				if (System.nanoTime() > deadline || !alive()) {
					throw new IllegalStateException("The Celery worker did not stop consuming " + this.queue + output());
				}
				LockSupport.parkNanos(10_000_000);
				info = this.admin.getQueueInfo(this.queue);
			}
		}
	}

	private void deleteResults() {
		List<String> keys = Arrays.stream(this.ids).filter((id) -> id != null).map(this.resultStore::key).toList();
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	private void stopWorker() {
		Process process = this.worker;
		if (process == null) {
			return;
		}
		try {
			// SIGTERM: Celery's warm shutdown, which also ends the pool's processes.
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		try {
			stopWorker();
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		finally {
			try {
				this.notifications.destroy();
				this.admin.deleteQueue(this.queue);
				this.admin.deleteExchange(this.queue);
				deleteResults();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not clean up after the Celery worker", ex);
			}
			finally {
				FileSystemUtils.deleteRecursively(this.directory.toFile());
			}
		}
	}

}
