package io.taskq.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Gives each application context of the tests resources of its own, so that suites of other modules and other
 * engineers on the same broker never consume its tasks: a unique default and dead-letter queue, unique Redis
 * key prefixes (the application's, the result store's, the schedule's and the rate limits') and a temporary data
 * directory.
 */
public class IsolatedResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Property names whose values an instance needs to share the resources of a test context. */
	static final List<String> SHARED_PROPERTIES = List.of("taskq.default-queue", "taskq.worker.dead-letter-queue",
			"taskq.result.key-prefix", "taskq.result.expires", "taskq.redis.key-prefix",
			"sample.redis-prefix", "sample.data-dir");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String id = "sample-test-" + UUID.randomUUID().toString().substring(0, 8);
		Path dataDirectory;
		try {
			dataDirectory = Files.createTempDirectory(id);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("taskq.default-queue", id);
		properties.put("taskq.worker.dead-letter-queue", id + ".dead-letter");
		properties.put("taskq.result.key-prefix", id + ":result:");
		properties.put("taskq.result.expires", "10m");
		properties.put("taskq.worker.concurrency", "4");
		properties.put("taskq.worker.prefetch", "1");
		properties.put("sample.redis-prefix", id + ":");
		// Under the application's prefix, so the same clean-up removes the schedule, the failed tasks and the
		// rate limits.
		properties.put("taskq.redis.key-prefix", id + ":taskq:");
		properties.put("sample.data-dir", dataDirectory.toString());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("isolatedResources", properties));
	}

	/**
	 * The properties another instance needs to share this context's queues, keys and files.
	 * @param environment the test context's environment
	 * @return the properties, as {@code name=value}
	 */
	public static String[] sharedProperties(Environment environment) {
		List<String> properties = new ArrayList<>();
		for (String name : SHARED_PROPERTIES) {
			properties.add(name + "=" + environment.getRequiredProperty(name));
		}
		return properties.toArray(String[]::new);
	}

	/**
	 * Removes the context's queues (and their exchanges), Redis keys and data directory when it closes: a
	 * lifecycle stopped after the workers (phase {@link SmartLifecycle#DEFAULT_PHASE}) and before the Redis
	 * connection factory (phase 0).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Cleanup implements SmartLifecycle {

		private final AmqpAdmin amqpAdmin;

		private final StringRedisTemplate redis;

		private final Environment environment;

		private volatile boolean running;

		Cleanup(AmqpAdmin amqpAdmin, StringRedisTemplate redis, Environment environment) {
			this.amqpAdmin = amqpAdmin;
			this.redis = redis;
			this.environment = environment;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return 1000;
		}

		@Override
		public void stop() {
			this.running = false;
			for (String queue : List.of(this.environment.getRequiredProperty("taskq.default-queue"),
					this.environment.getRequiredProperty("taskq.worker.dead-letter-queue"))) {
				this.amqpAdmin.deleteQueue(queue);
				this.amqpAdmin.deleteExchange(queue);
			}
			deleteKeys(this.environment.getRequiredProperty("sample.redis-prefix"));
			try {
				deleteTree(Path.of(this.environment.getRequiredProperty("sample.data-dir")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void deleteKeys(String prefix) {
			List<String> keys = new ArrayList<>();
			try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(500).build())) {
				cursor.forEachRemaining(keys::add);
			}
			if (!keys.isEmpty()) {
				this.redis.delete(keys);
			}
		}

		private static void deleteTree(Path directory) throws IOException {
			if (!Files.exists(directory)) {
				return;
			}
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}

	}

}
