package io.taskq.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Worker applications for one test class ({@link WorkerApps} contexts), all on the class's own queue and Redis
 * key prefix. Register it as a static {@code @RegisterExtension} field. Contexts a test starts are closed after it,
 * those started before the tests ({@code @BeforeAll}) after the class; then the class's Redis keys are removed (its
 * queues are removed when the run ends, by {@link BrokerCleanup}).
 */
final class WorkerContexts implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final String purpose;

	private final String queue;

	private final String keyPrefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<String> properties;

	private final List<ConfigurableApplicationContext> classContexts = new CopyOnWriteArrayList<>();

	private final List<ConfigurableApplicationContext> testContexts = new CopyOnWriteArrayList<>();

	private volatile boolean inTest;

	/**
	 * Create the contexts of a test class.
	 * @param purpose what the class tests, part of its queue names
	 * @param properties properties of every context, besides its queue and key prefix
	 */
	WorkerContexts(String purpose, String... properties) {
		this.purpose = purpose;
		this.queue = TestQueues.unique(purpose);
		this.properties = List.of(properties);
	}

	/**
	 * The class's default queue, every context's {@code taskq.default-queue}.
	 * @return the queue name
	 */
	String queue() {
		return this.queue;
	}

	/**
	 * Another queue of the class's own.
	 * @param name what it is for
	 * @return a queue name unique to this run
	 */
	String queue(String name) {
		return TestQueues.unique(this.purpose + "-" + name);
	}

	/**
	 * The class's Redis key prefix, every context's {@code taskq.redis.key-prefix}.
	 * @return the prefix
	 */
	String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Start a worker application.
	 * @param workerName its node name
	 * @param properties its own properties; a {@code taskq.default-queue} here overrides the class's
	 * @return the context
	 */
	ConfigurableApplicationContext start(String workerName, String... properties) {
		List<String> all = new ArrayList<>();
		all.add("taskq.default-queue=" + this.queue);
		all.add("taskq.redis.key-prefix=" + this.keyPrefix);
		all.addAll(this.properties);
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = WorkerApps.start(workerName, all.toArray(String[]::new));
		(this.inTest ? this.testContexts : this.classContexts).add(context);
		return context;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.inTest = true;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.inTest = false;
		close(this.testContexts);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close(this.classContexts);
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory();
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
			Set<String> keys = redis.keys(this.keyPrefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private static void close(List<ConfigurableApplicationContext> contexts) {
		contexts.forEach(ConfigurableApplicationContext::close);
		contexts.clear();
	}

}
