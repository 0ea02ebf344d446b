package io.taskq.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;

/**
 * Worker applications started inside a test, each a Spring Boot context of its own with its own connections,
 * running handlers that report what they do to static state the test reads.
 */
final class WorkerApps {

	/** Task ids started, by worker name. */
	static final Map<String, Set<String>> STARTED = new ConcurrentHashMap<>();

	/** Task ids finished, by worker name. */
	static final Map<String, Set<String>> FINISHED = new ConcurrentHashMap<>();

	/** Handler invocations. */
	static final AtomicInteger INVOCATIONS = new AtomicInteger();

	/** Handler invocations by task id. */
	static final Map<String, AtomicInteger> INVOCATIONS_BY_TASK = new ConcurrentHashMap<>();

	/** Released by tests to let {@code apps.block} return. */
	static volatile CountDownLatch release = new CountDownLatch(1);

	private WorkerApps() {
	}

	static ConfigurableApplicationContext start(String workerName, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("taskq.node-name=" + workerName);
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	static Set<String> started(String worker) {
		return STARTED.computeIfAbsent(worker, (key) -> ConcurrentHashMap.newKeySet());
	}

	static Set<String> finished(String worker) {
		return FINISHED.computeIfAbsent(worker, (key) -> ConcurrentHashMap.newKeySet());
	}

	static class Handlers {

		private final String worker;

		Handlers(String worker) {
			this.worker = worker;
		}

		@TaskHandler("apps.slow")
		String slow(long millis, TaskContext context) throws InterruptedException {
			INVOCATIONS.incrementAndGet();
			INVOCATIONS_BY_TASK.computeIfAbsent(context.getTaskId(), (id) -> new AtomicInteger()).incrementAndGet();
			started(this.worker).add(context.getTaskId());
			// The task's own work: taking this long is what the test is about.
			Thread.sleep(millis);
			finished(this.worker).add(context.getTaskId());
			return this.worker;
		}

		@TaskHandler("apps.block")
		String block(TaskContext context) throws InterruptedException {
			INVOCATIONS.incrementAndGet();
			started(this.worker).add(context.getTaskId());
			release.await(60, TimeUnit.SECONDS);
			finished(this.worker).add(context.getTaskId());
			return this.worker;
		}

		@TaskHandler("apps.echo")
		String echo(String value) {
			INVOCATIONS.incrementAndGet();
			return value;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers(org.springframework.core.env.Environment environment) {
			return new Handlers(environment.getRequiredProperty("taskq.node-name"));
		}

	}

}
