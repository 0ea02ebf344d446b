package io.taskq.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.annotation.Periodic;
import io.taskq.annotation.TaskHandler;
import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatScheduler;
import io.taskq.beat.BeatStore;
import io.taskq.beat.BeatTemplate;
import io.taskq.beat.DeclaredSchedules;
import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;
import io.taskq.it.TestQueues;
import io.taskq.store.redis.RedisBeatStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Periodic tasks in the auto-configuration: which beans exist under which switches, schedules declared in
 * properties and with {@code @Periodic}, and invalid declarations failing start-up with a message naming them.
 */
class BeatConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TaskqAutoConfiguration.class))
		.withPropertyValues("taskq.redis.key-prefix=taskq-test:" + UUID.randomUUID().toString().substring(0, 8) + ":",
				"taskq.default-queue=" + TestQueues.unique("beat-config"), "taskq.beat.key-expiry=1m",
				"taskq.beat.poll-interval=1h");

	@Test
	void everyApplicationWithTheWorkerFiresTicks() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RedisBeatStore.class);
			assertThat(context).getBean(BeatOperations.class).isInstanceOf(BeatTemplate.class);
			assertThat(context).hasSingleBean(BeatScheduler.class);
			assertThat(context.getBean(BeatScheduler.class).isRunning()).isTrue();
		});
	}

	@Test
	void noSchedulerWithoutTheWorkerButSchedulesCanBeManaged() {
		this.contextRunner.withPropertyValues("taskq.worker.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BeatScheduler.class);
			assertThat(context).doesNotHaveBean(DeclaredSchedules.class);
			assertThat(context).hasSingleBean(BeatOperations.class);
		});
	}

	@Test
	void anApplicationWithoutTheWorkerFiresTicksWhenPeriodicTasksAreSwitchedOn() {
		this.contextRunner.withPropertyValues("taskq.worker.enabled=false", "taskq.beat.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BeatScheduler.class));
	}

	@Test
	void aClaimNotShorterThanTheMisfireThresholdFailsStartUp() {
		this.contextRunner.withPropertyValues("taskq.beat.claim=5s", "taskq.beat.misfire-threshold=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("taskq.beat.claim must be shorter than taskq.beat.misfire-threshold"));
	}

	@Test
	void noSchedulerWhenPeriodicTasksAreOff() {
		this.contextRunner.withPropertyValues("taskq.beat.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BeatScheduler.class);
			assertThat(context).hasSingleBean(BeatOperations.class);
			assertThat(context).hasSingleBean(BeatStore.class);
		});
	}

	@Test
	void schedulesDeclaredInPropertiesUseEveryKey() {
		String key = "taskq.beat.schedules.nightly-report.";
		this.contextRunner.withPropertyValues(key + "task=reports.build", key + "cron=30 2 * * *",
				key + "zone=Europe/Berlin", key + "args[0]=monthly", key + "kwargs.tenant=acme", key + "queue=reports",
				key + "missed-ticks=catch-up", key + "catch-up-window=6h", key + "overlap=buffer-one",
				key + "jitter=20s", key + "start=2026-01-01T00:00:00+01:00", key + "end=2027-01-01T00:00:00Z",
				key + "paused=true")
			.run((context) -> assertThat(context.getBean(DeclaredSchedules.class).schedules())
				.containsExactly(BeatSchedule.builder("nightly-report", "reports.build")
					.cron("30 2 * * *")
					.zone(ZoneId.of("Europe/Berlin"))
					.args(List.of("monthly"))
					.kwargs(Map.of("tenant", "acme"))
					.queue("reports")
					.missedTicks(MissedTicks.CATCH_UP)
					.catchUpWindow(Duration.ofHours(6))
					.overlap(Overlap.BUFFER_ONE)
					.jitter(Duration.ofSeconds(20))
					.start(Instant.parse("2025-12-31T23:00:00Z"))
					.end(Instant.parse("2027-01-01T00:00:00Z"))
					.paused(true)
					.declared(true)
					.build()));
	}

	@Test
	void invalidSchedulesInPropertiesFailStartUpNamingTheKey() {
		String key = "taskq.beat.schedules.broken.";
		assertFailsWith("Invalid taskq.beat.schedules.broken.task: a task name is required", key + "every=1s");
		assertFailsWith("Invalid taskq.beat.schedules.broken: exactly one of taskq.beat.schedules.broken.cron and "
				+ "taskq.beat.schedules.broken.every is required", key + "task=t", key + "every=1s",
				key + "cron=* * * * *");
		assertFailsWith("Invalid taskq.beat.schedules.broken: exactly one of", key + "task=t");
		assertFailsWith("Invalid taskq.beat.schedules.broken.cron:", key + "task=t", key + "cron=every day");
		assertFailsWith("Invalid taskq.beat.schedules.broken.zone: 'Mars/Olympus' is not a zone id", key + "task=t",
				key + "every=1s", key + "zone=Mars/Olympus");
		assertFailsWith("Invalid taskq.beat.schedules.broken.start: 'tomorrow' is not an ISO-8601 date-time",
				key + "task=t", key + "every=1s", key + "start=tomorrow");
		assertFailsWith("taskq.beat.schedules.broken.missed-ticks", key + "task=t", key + "every=1s",
				key + "missed-ticks=sometimes");
	}

	private void assertFailsWith(String message, String... properties) {
		this.contextRunner.withPropertyValues(properties)
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(message));
	}

	@Test
	void periodicHandlersAreDeclaredAndPropertiesOverrideThemByName() {
		this.contextRunner.withUserConfiguration(PeriodicHandlers.class)
			.withPropertyValues("taskq.beat.schedules.cleanup-hourly.task=files.cleanup",
					"taskq.beat.schedules.cleanup-hourly.every=2h")
			.run((context) -> assertThat(context.getBean(DeclaredSchedules.class).schedules()).containsExactly(
					BeatSchedule.builder("files.cleanup", "files.cleanup")
						.every(Duration.ofSeconds(30))
						.args(List.of(1, "old"))
						.kwargs(Map.of("dry", true))
						.overlap(Overlap.SKIP)
						.declared(true)
						.build(),
					BeatSchedule.builder("cleanup-hourly", "files.cleanup")
						.every(Duration.ofHours(2))
						.declared(true)
						.build()));
	}

	@Test
	void aPeriodicHandlerWithArgumentsThatAreNotJsonFailsStartUpNamingTheMethod() {
		this.contextRunner.withUserConfiguration(BrokenPeriodicHandler.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("@Periodic 'broken' on " + BrokenPeriodicHandler.class.getName()
						+ "#broken"));
	}

	@Configuration(proxyBeanMethods = false)
	static class PeriodicHandlers {

		@Bean
		PeriodicHandlers.Handler periodicHandler() {
			return new Handler();
		}

		static class Handler {

			@TaskHandler("files.cleanup")
			@Periodic(every = "30s", args = "[1, \"old\"]", kwargs = "{\"dry\": true}", overlap = Overlap.SKIP)
			@Periodic(name = "cleanup-hourly", cron = "0 * * * *")
			void cleanup(int days, String prefix, boolean dry) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenPeriodicHandler {

		@TaskHandler("broken")
		@Periodic(every = "1m", args = "[1, ")
		void broken(int value) {
		}

	}

}
