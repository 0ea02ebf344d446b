package io.taskq.it;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Soft and hard time limits: a soft limit interrupts the task and lets it clean up; a hard limit abandons it,
 * fails it with Celery's TimeLimitExceeded and frees its worker slot, even when the task ignores interrupts.
 */
@TaskqIntegrationTest(TimeLimitsIntegrationTests.Config.class)
class TimeLimitsIntegrationTests {

	static final CountDownLatch RELEASE = new CountDownLatch(1);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("taskq.worker.concurrency", () -> "1");
		registry.add("taskq.worker.prefetch", () -> "1");
	}

	@Value("${taskq.default-queue}")
	String queue;

	@Autowired
	TaskOperations tasks;

	@AfterAll
	static void releaseStubbornTasks() {
		RELEASE.countDown();
	}

	@Test
	void hardLimitAbandonsATaskThatIgnoresInterruptsAndFreesItsSlot() {
		TaskHandle stubborn = this.tasks.send("limits.stubborn");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> stubborn.get(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("TimeLimitExceeded");
				assertThat(ex.getRemoteModule()).isEqualTo("celery.exceptions");
				assertThat(ex.getRemoteMessage()).isEqualTo("1.0");
			});
		// The only consumer is free again although the abandoned task still runs.
		assertThat(this.tasks.send("limits.quick").get(Duration.ofSeconds(5))).isEqualTo("quick");
		assertThat(RELEASE.getCount()).isEqualTo(1);
	}

	@Test
	void softLimitInterruptsAndLetsTheTaskCleanUp() {
		assertThat(this.tasks.send("limits.polite", false).get(Duration.ofSeconds(10))).isEqualTo("cleaned up");
	}

	@Test
	void aTaskThatThrowsAfterItsSoftLimitFailsWithSoftTimeLimitExceeded() {
		TaskHandle handle = this.tasks.send("limits.polite", true);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("SoftTimeLimitExceeded"));
	}

	@Test
	void aCallsTimeLimitHeaderWinsOverTheTasksDefault() {
		TaskHandle handle = this.tasks
			.send(TaskRequest.builder("limits.sleepy").args(5000).timeLimit(Duration.ofMillis(500)).build());
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("TimeLimitExceeded"));
		assertThat(this.tasks.send("limits.sleepy", 10).get(Duration.ofSeconds(5))).isEqualTo(10);
	}

	static class Handlers {

		@TaskHandler(name = "limits.stubborn", timeLimit = "1s")
		String stubborn() {
			while (RELEASE.getCount() > 0) {
				// Ignores interrupts on purpose: the JVM cannot stop such a task, only abandon it.
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
			return "released";
		}

		@TaskHandler(name = "limits.quick")
		String quick() {
			return "quick";
		}

		@TaskHandler(name = "limits.polite", softTimeLimit = "300ms", timeLimit = "5s")
		String polite(boolean rethrow, TaskContext context) throws InterruptedException {
			try {
				RELEASE.await(10, TimeUnit.SECONDS);
				return "not interrupted";
			}
			catch (InterruptedException ex) {
				if (rethrow || !context.isSoftTimeLimitExceeded()) {
					throw ex;
				}
				return "cleaned up";
			}
		}

		@TaskHandler(name = "limits.sleepy")
		long sleepy(long millis) throws InterruptedException {
			// The task's own work.
			Thread.sleep(millis);
			return millis;
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
