package io.taskq.it;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.FailedTaskOperations;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskState;
import io.taskq.store.FailedTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Retries are new messages with {@code retries} raised, waiting in the durable schedule; after the last
 * attempt the task fails and is kept in the dead-letter store, from which it can be re-driven.
 */
@TaskqIntegrationTest(RetryIntegrationTests.Config.class)
class RetryIntegrationTests {

	/** Attempts by task id: the retries count and start time of each. */
	static final Map<String, List<Attempt>> ATTEMPTS = new ConcurrentHashMap<>();

	/** Task ids whose next attempt succeeds. */
	static final Map<String, Boolean> HEALED = new ConcurrentHashMap<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.worker.concurrency", () -> "2");
		registry.add("taskq.tasks[retry.configured].max-retries", () -> "1");
		registry.add("taskq.tasks[retry.configured].retry-delay", () -> "50ms");
	}

	@Value("${taskq.default-queue}")
	String queue;

	@Autowired
	TaskOperations tasks;

	@Autowired
	FailedTaskOperations deadLetters;

	@Test
	void retriesOnListedExceptionsUntilTheTaskSucceeds() {
		TaskHandle handle = this.tasks.send("retry.flaky", 2);
		assertThat(handle.get(Duration.ofSeconds(15))).isEqualTo("ok after 2");
		assertThat(ATTEMPTS.get(handle.id())).extracting(Attempt::retries).containsExactly(0, 1, 2);
		assertThat(this.deadLetters.get(handle.id())).isEmpty();
	}

	@Test
	void otherExceptionsFailAtOnceAndAreDeadLettered() {
		TaskHandle handle = this.tasks.send("retry.flaky", -1);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("IllegalArgumentException"));
		assertThat(ATTEMPTS.get(handle.id())).hasSize(1);
		await().until(() -> this.deadLetters.get(handle.id()).isPresent());
	}

	@Test
	void afterTheLastRetryTheTaskFailsIsDeadLetteredAndCanBeRedriven() {
		TaskHandle handle = this.tasks.send("retry.flaky", 100);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(15)))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("IOException");
				assertThat(ex.getRemoteMessage()).isEqualTo("flaky attempt 3");
			});
		assertThat(ATTEMPTS.get(handle.id())).extracting(Attempt::retries).containsExactly(0, 1, 2, 3);
		FailedTask deadLetter = await().until(() -> this.deadLetters.get(handle.id()).orElse(null),
				(letter) -> letter != null);
		assertThat(deadLetter.task()).isEqualTo("retry.flaky");
		assertThat(deadLetter.queue()).isEqualTo(this.queue);
		assertThat(deadLetter.retries()).isEqualTo(3);
		assertThat(deadLetter.errorType()).isEqualTo("java.io.IOException");
		assertThat(this.deadLetters.list(100)).extracting(FailedTask::taskId).contains(handle.id());

		HEALED.put(handle.id(), true);
		assertThat(this.deadLetters.redrive(handle.id())).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> handle.state().equals(TaskState.SUCCESS));
		assertThat(handle.get(Duration.ofSeconds(1))).isEqualTo("healed");
		assertThat(ATTEMPTS.get(handle.id()).get(4).retries()).isZero();
		assertThat(this.deadLetters.get(handle.id())).isEmpty();
	}

	@Test
	void programmaticRetryWaitsItsCountdown() {
		TaskHandle handle = this.tasks.send("retry.programmatic", 2, 300);
		assertThat(handle.get(Duration.ofSeconds(15))).isEqualTo(2);
		List<Attempt> attempts = ATTEMPTS.get(handle.id());
		assertThat(attempts).extracting(Attempt::retries).containsExactly(0, 1, 2);
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void programmaticRetryBeyondTheMaximumFailsWithMaxRetriesExceeded() {
		TaskHandle handle = this.tasks.send("retry.programmatic", 50, 10);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(15)))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("MaxRetriesExceededError");
				assertThat(ex.getRemoteModule()).isEqualTo("celery.exceptions");
			});
		assertThat(ATTEMPTS.get(handle.id())).hasSize(4);
	}

	@Test
	void configurationOverridesTheHandlersPolicy() {
		TaskHandle handle = this.tasks.send("retry.configured");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(15)));
		assertThat(ATTEMPTS.get(handle.id())).extracting(Attempt::retries).containsExactly(0, 1);
	}

	@Test
	void redriveAllSendsEveryDeadLetterAgain() {
		TaskHandle first = this.tasks.send("retry.flaky", -1);
		TaskHandle second = this.tasks.send("retry.flaky", -1);
		await().until(() -> this.deadLetters.get(first.id()).isPresent() && this.deadLetters.get(second.id()).isPresent());
		HEALED.put(first.id(), true);
		HEALED.put(second.id(), true);
		assertThat(this.deadLetters.redriveAll()).isGreaterThanOrEqualTo(2);
		assertThat(first.get(Duration.ofSeconds(10))).isEqualTo("healed");
		assertThat(second.get(Duration.ofSeconds(10))).isEqualTo("healed");
	}

	record Attempt(int retries, Instant at) {
	}

	static class Handlers {

		private static void record(TaskContext context) {
			ATTEMPTS.computeIfAbsent(context.getTaskId(), (id) -> new CopyOnWriteArrayList<>())
				.add(new Attempt(context.getRetries(), Instant.now()));
		}

		/**
		 * Fails with IOException (retried) until {@code failures} retries were made; a negative count fails with a
		 * non-retried exception.
		 */
		@TaskHandler(name = "retry.flaky", autoRetryFor = IOException.class, maxRetries = 3, retryBackoff = "50ms",
				retryJitter = false)
		String flaky(int failures, TaskContext context) throws IOException {
			record(context);
			if (HEALED.containsKey(context.getTaskId())) {
				return "healed";
			}
			if (failures < 0) {
				throw new IllegalArgumentException("not retried");
			}
			if (context.getRetries() < failures) {
				throw new IOException("flaky attempt " + context.getRetries());
			}
			return "ok after " + context.getRetries();
		}

		@TaskHandler(name = "retry.programmatic", maxRetries = 3)
		int programmatic(int until, long countdownMillis, TaskContext context) {
			record(context);
			if (context.getRetries() < until) {
				throw context.retry(Duration.ofMillis(countdownMillis), null);
			}
			return context.getRetries();
		}

		@TaskHandler(name = "retry.configured", autoRetryFor = IllegalStateException.class, maxRetries = 5)
		void configured(TaskContext context) {
			record(context);
			throw new IllegalStateException("always");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
