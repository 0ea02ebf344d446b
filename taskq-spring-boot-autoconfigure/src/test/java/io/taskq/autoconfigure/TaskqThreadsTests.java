package io.taskq.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import io.taskq.protocol.WireMessage;
import io.taskq.store.TaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads taskq makes honour {@code spring.threads.virtual.enabled}; Java 17 has no virtual threads.
 */
class TaskqThreadsTests {

	private static final String VIRTUAL = "spring.threads.virtual.enabled=true";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TaskqAutoConfiguration.class))
		.withUserConfiguration(TaskqCustomizersTests.SilentBrokerConfiguration.class,
				RecordingScheduleConfiguration.class)
		.withPropertyValues("taskq.worker.remote-control=false");

	@Test
	void platformDaemonThreadsNamedWithThePrefixByDefault() {
		Thread thread = TaskqThreads.of(new MockEnvironment(), "taskq-test-").newThread(() -> {
		});
		assertThat(thread.getName()).isEqualTo("taskq-test-1");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(isVirtual(thread)).isFalse();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void platformThreadsBeforeJava21EvenWithVirtualThreadsEnabled() {
		Thread thread = TaskqThreads.of(virtualThreadsEnabled(), "taskq-test-").newThread(() -> {
		});
		assertThat(thread.getName()).isEqualTo("taskq-test-1");
		assertThat(thread.isDaemon()).isTrue();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsNamedWithThePrefixWhenEnabled() {
		ThreadFactory threads = TaskqThreads.of(virtualThreadsEnabled(), "taskq-test-");
		Thread thread = threads.newThread(() -> {
		});
		assertThat(isVirtual(thread)).isTrue();
		assertThat(thread.getName()).startsWith("taskq-test-");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void tasksAndThePromoterRunOnVirtualThreadsWhenEnabledTheTimerOnAPlatformThread() {
		this.contextRunner.withPropertyValues(VIRTUAL).run((context) -> {
			ExecutorService tasks = context.getBean(TaskqWorkerConfiguration.TASK_EXECUTOR, ExecutorService.class);
			Thread task = tasks.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(task)).isTrue();
			assertThat(task.getName()).startsWith("taskq-task-");
			ScheduledExecutorService timer = context.getBean(TaskqWorkerConfiguration.TIMER,
					ScheduledExecutorService.class);
			Thread timerThread = timer.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(timerThread)).isFalse();
			assertThat(timerThread.getName()).startsWith("taskq-timer-");
			Thread promoter = context.getBean(RecordingSchedule.class).claimer.get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(promoter)).isTrue();
			assertThat(promoter.getName()).startsWith("taskq-promoter-");
		});
	}

	@Test
	void tasksAndThePromoterRunOnPlatformThreadsByDefault() {
		this.contextRunner.run((context) -> {
			ExecutorService tasks = context.getBean(TaskqWorkerConfiguration.TASK_EXECUTOR, ExecutorService.class);
			Thread task = tasks.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(task)).isFalse();
			assertThat(task.getName()).startsWith("taskq-task-");
			Thread promoter = context.getBean(RecordingSchedule.class).claimer.get(10, TimeUnit.SECONDS);
			assertThat(isVirtual(promoter)).isFalse();
			assertThat(promoter.getName()).startsWith("taskq-promoter-");
		});
	}

	private static MockEnvironment virtualThreadsEnabled() {
		return new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
	}

	/**
	 * {@code Thread.isVirtual()}, which Java 17 does not have: every thread is a platform thread there.
	 */
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingScheduleConfiguration {

		@Bean
		RecordingSchedule recordingSchedule() {
			return new RecordingSchedule();
		}

	}

	/**
	 * A schedule that is always empty and remembers the thread that first looked for due tasks: the promoter's.
	 */
	static class RecordingSchedule implements TaskSchedule {

		final CompletableFuture<Thread> claimer = new CompletableFuture<>();

		@Override
		public String schedule(String queue, WireMessage message, Instant due, String taskId) {
			throw new UnsupportedOperationException("Nothing is scheduled in these tests");
		}

		@Override
		public List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
			this.claimer.complete(Thread.currentThread());
			return List.of();
		}

		@Override
		public boolean postpone(String entryId, Instant due) {
			return false;
		}

		@Override
		public void complete(List<String> entryIds) {
		}

		@Override
		public long size() {
			return 0;
		}

		@Override
		public @Nullable Instant nextDue() {
			return null;
		}

	}

}
