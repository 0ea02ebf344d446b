package io.taskq.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real worker JVMs (the sample app's jar, started twice) share a batch of slow tasks; one is killed with
 * SIGKILL mid-task. Its unacknowledged tasks are redelivered to the other, and every task ends SUCCESS.
 */
class WorkerCrashIntegrationTests {

	static final String QUEUE = "sample-test.crash." + UUID.randomUUID().toString().substring(0, 8);

	static final String PREFIX = "sample-test:crash:" + UUID.randomUUID().toString().substring(0, 8) + ":";

	@TempDir
	static Path dataDir;

	static final List<Process> workers = new ArrayList<>();

	static ConfigurableApplicationContext producer;

	@BeforeAll
	static void startProducer() {
		// Arguments, not default properties: the sample app's application.yml is on this class path too.
		producer = new SpringApplicationBuilder(ProducerConfig.class).web(WebApplicationType.NONE)
			.run("--taskq.worker.enabled=false", "--taskq.default-queue=" + QUEUE);
	}

	@AfterAll
	static void cleanUp() {
		workers.forEach(Process::destroyForcibly);
		producer.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
		producer.close();
	}

	@Test
	void tasksOfAKilledWorkerAreCompletedByTheOther() throws Exception {
		Process doomed = startWorker("crash-doomed");
		Process survivor = startWorker("crash-survivor");
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			handles.add(tasks.send("tasks.sleep", 1500));
		}
		List<String> startedOnDoomed = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			startedOnDoomed.clear();
			for (TaskHandle handle : handles) {
				TaskResult result = handle.result();
				if (result != null && result.state().equals(TaskState.STARTED)
						&& result.result().path("hostname").asString().equals("crash-doomed")) {
					startedOnDoomed.add(handle.id());
				}
			}
			return !startedOnDoomed.isEmpty();
		});

		doomed.destroyForcibly();
		assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(doomed.exitValue()).as("exit code of a SIGKILLed JVM").isEqualTo(137);

		for (TaskHandle handle : handles) {
			assertThat(handle.get(Duration.ofSeconds(60), Long.class)).isEqualTo(1500L);
		}
		for (String id : startedOnDoomed) {
			TaskResult result = tasks.handle(id).result();
			assertThat(result.state()).isEqualTo(TaskState.SUCCESS);
			assertThat(result.extended().worker()).isEqualTo("crash-survivor");
		}
		assertThat(survivor.isAlive()).isTrue();
	}

	private static Process startWorker(String name) throws IOException {
		Path jar = Path.of("target", "sample-app.jar");
		assertThat(jar).as("the sample app's jar, built by the package phase").exists();
		Path log = Files.createTempFile(dataDir, name, ".log");
		Process process = new ProcessBuilder(javaExecutable(), "-jar", jar.toString(), "--server.port=0",
				"--taskq.default-queue=" + QUEUE, "--taskq.node-name=" + name, "--taskq.worker.concurrency=4",
				"--taskq.worker.prefetch=1", "--taskq.worker.track-started=true", "--taskq.result.extended=true",
				"--sample.data-dir=" + dataDir.resolve(name), "--sample.redis-prefix=" + PREFIX,
				"--sample.forum.seed=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		workers.add(process);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			assertThat(process.isAlive()).as("worker %s is running (log: %s)", name, log).isTrue();
			return Files.readString(log).contains("Started SampleApplication");
		});
		return process;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Not a {@code @SpringBootConfiguration}: the other tests of this package would find two.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProducerConfig {

	}

}
