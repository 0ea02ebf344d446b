package io.taskq.it;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Gives a test's application context a default queue and a Redis key prefix of its own, so that suites running on
 * the same broker never consume each other's tasks: the queue is removed when the run ends ({@link BrokerCleanup}),
 * the keys when the context closes.
 */
class IsolatedTaskq implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String queue = TestQueues.unique("it");
		String keyPrefix = "taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
		context.getEnvironment()
			.getPropertySources()
			.addLast(new MapPropertySource("isolatedTaskq",
					Map.of("taskq.default-queue", queue, "taskq.redis.key-prefix", keyPrefix)));
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> {
			if (event.getApplicationContext() == context) {
				deleteKeys(context, keyPrefix);
			}
		});
	}

	private static void deleteKeys(ConfigurableApplicationContext context, String keyPrefix) {
		try {
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			Set<String> keys = redis.keys(keyPrefix + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		catch (RuntimeException ex) {
			// Every key taskq writes expires anyway.
		}
	}

}
