package io.taskq.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.taskq.core.TaskOperations;
import io.taskq.result.TaskResult;
import io.taskq.store.redis.RedisTaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real worker processes for a test class: the sample app's jar ({@code target/sample-app.jar}, built by the
 * package phase) started as separate JVMs, and a producer in the test's JVM that sends them tasks and reads the
 * results. The producer neither runs tasks nor promotes delayed ones: only the processes do. All of them share the
 * queues, Redis keys and data directory that {@link IsolatedResources} gives the producer.
 * <p>
 * Register it as a static {@code @RegisterExtension} field. Processes a test starts are killed after it; the
 * producer is closed, and the queues, keys and data directory removed, after the class.
 */
final class WorkerProcesses implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private static final Path JAR = Path.of("target", "sample-app.jar");

	private static final Path LOGS = Path.of("target", "worker-processes");

	private final List<String> arguments;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext producer;

	/**
	 * Create worker processes, each started with the given arguments besides the shared ones.
	 * @param arguments command-line arguments of every process, such as {@code --taskq.schedule.lease=3s}
	 */
	WorkerProcesses(String... arguments) {
		this.arguments = List.of(arguments);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// Arguments, not default properties: the sample app's application.yml is on this class path too.
		this.producer = new SpringApplicationBuilder(Producer.class).web(WebApplicationType.NONE)
			.initializers(new IsolatedResources())
			.run("--taskq.worker.enabled=false", "--taskq.schedule.promoter-enabled=false",
					"--spring.jmx.enabled=false");
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
		for (Process process : this.processes) {
			process.waitFor(30, TimeUnit.SECONDS);
		}
		this.processes.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.producer.close();
	}

	/**
	 * Sends tasks to the processes and reads their results.
	 * @return the producer's task operations
	 */
	TaskOperations tasks() {
		return bean(TaskOperations.class);
	}

	/**
	 * The schedule of delayed tasks and retries in Redis, which the producer shares with the processes.
	 * @return the producer's schedule
	 */
	RedisTaskSchedule schedule() {
		return bean(RedisTaskSchedule.class);
	}

	/**
	 * A bean of the producer, such as its {@code StringRedisTemplate} or {@code RedisTaskSchedule}.
	 * @param <T> the bean type
	 * @param type the bean type
	 * @return the bean
	 */
	<T> T bean(Class<T> type) {
		return this.producer.getBean(type);
	}

	/**
	 * A property the producer and the processes share, such as {@code taskq.redis.key-prefix}.
	 * @param name the property name
	 * @return its value
	 */
	String property(String name) {
		return this.producer.getEnvironment().getRequiredProperty(name);
	}

	/**
	 * Start worker processes, all at once, and wait until every one has started.
	 * @param names their node names, stored as the worker of the results they write
	 * @return the processes, in the order of the names
	 * @throws IOException if a process cannot be started
	 */
	List<Process> start(String... names) throws IOException {
		assertThat(JAR).as("the sample app's jar, built by the package phase").exists();
		Path logs = Files.createDirectories(LOGS.resolve(property("taskq.default-queue")));
		List<Process> started = new ArrayList<>();
		List<Path> logFiles = new ArrayList<>();
		for (String name : names) {
			Path log = logs.resolve(name + ".log");
			Process process = new ProcessBuilder(command(name)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			this.processes.add(process);
			started.add(process);
			logFiles.add(log);
		}
		for (int i = 0; i < names.length; i++) {
			Process process = started.get(i);
			Path log = logFiles.get(i);
			String name = names[i];
			await().atMost(Duration.ofSeconds(90)).until(() -> {
				assertThat(process.isAlive()).as("worker %s is running (log: %s)", name, log).isTrue();
				return Files.readString(log).contains("Started SampleApplication");
			});
		}
		return started;
	}

	/**
	 * Kill a worker process as {@code kill -9} does: no shutdown hook runs, and nothing it holds is acknowledged,
	 * handed back or completed.
	 * @param process the process
	 * @throws InterruptedException if interrupted while waiting for it to end
	 */
	void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed worker ended").isTrue();
		assertThat(process.exitValue()).as("exit code of a SIGKILLed JVM").isEqualTo(137);
	}

	/**
	 * The node name of the worker that stored a result, as the processes are named when started.
	 * @param result the result
	 * @return the worker's name, empty if the result does not say
	 */
	static String workerOf(TaskResult result) {
		return (result.extended() != null) ? Objects.requireNonNullElse(result.extended().worker(), "") : "";
	}

	private List<String> command(String name) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Several JVMs start at once on a small machine: the client compiler alone starts them about twice as
		// fast, and the tasks here are too small to miss the optimising one.
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
		for (String property : IsolatedResources.sharedProperties(this.producer.getEnvironment())) {
			command.add("--" + property);
		}
		command.addAll(List.of("--server.port=0", "--spring.jmx.enabled=false", "--sample.forum.seed=false",
				"--taskq.node-name=" + name, "--taskq.worker.concurrency=4", "--taskq.worker.prefetch=1",
				"--taskq.worker.track-started=true", "--taskq.result.extended=true"));
		command.addAll(this.arguments);
		return command;
	}

	/**
	 * A test configuration, which the sample app's component scan skips (other instances would remove the
	 * shared resources when they close), and not a {@code @SpringBootConfiguration}: the other tests of this
	 * package would find two.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(IsolatedResources.Cleanup.class)
	static class Producer {

	}

}
