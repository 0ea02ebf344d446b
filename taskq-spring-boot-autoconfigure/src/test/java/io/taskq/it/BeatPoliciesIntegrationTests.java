package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatScheduleInfo;
import io.taskq.beat.BeatScheduler;
import io.taskq.beat.BeatTicks;
import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.it.TickQueue.Tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules managed at runtime and the policies of periodic tasks, on the real RabbitMQ and Redis: missed ticks
 * after the scheduler was stopped for a few ticks, overlap with a handler slower than the schedule, and jitter.
 * Ticks later than a second are missed here.
 */
class BeatPoliciesIntegrationTests {

	@RegisterExtension
	static final WorkerContexts apps = new WorkerContexts("beat-policies", "taskq.beat.misfire-threshold=1s",
			"taskq.beat.claim=500ms", "taskq.worker.concurrency=4");

	private final String name = "policy-" + UUID.randomUUID().toString().substring(0, 8);

	private TickQueue ticks;

	@BeforeEach
	void declareTheTicksQueue() {
		this.ticks = new TickQueue(apps.queue("ticks"));
	}

	@AfterEach
	void closeTheConnection() {
		this.ticks.close();
	}

	@Test
	void schedulesAreSavedPausedResumedTriggeredAndRemovedAtRuntime() {
		BeatOperations beat = apps.start("runtime").getBean(BeatOperations.class);
		beat.save(everySecond(this.name).missedTicks(MissedTicks.SKIP).build());
		this.ticks.awaitAtLeast(2);
		assertThat(beat.get(this.name)).hasValueSatisfying((info) -> {
			assertThat(info.schedule().declared()).isFalse();
			assertThat(info.nextDue()).isNotNull();
			assertThat(info.history()).first().satisfies((run) -> {
				assertThat(run.outcome()).isEqualTo(BeatRun.Outcome.FIRED);
				assertThat(run.taskState()).isEqualTo("SENT");
			});
		});

		assertThat(beat.pause(this.name)).isTrue();
		Instant pausedAt = Instant.now();
		this.ticks.awaitNoneFor(Duration.ofMillis(2500));
		assertThat(this.ticks.drain()).allSatisfy((tick) -> assertThat(tick.tick()).isBeforeOrEqualTo(pausedAt));
		assertThat(beat.get(this.name).orElseThrow().nextDue()).isNull();

		assertThat(beat.resume(this.name)).isTrue();
		int beforeResume = this.ticks.drain().size();
		List<Tick> resumed = this.ticks.awaitAtLeast(beforeResume + 2).subList(beforeResume, beforeResume + 2);
		assertThat(resumed).allSatisfy((tick) -> assertThat(tick.tick()).isAfter(pausedAt.plusSeconds(1)));
		assertThat(beat.get(this.name).orElseThrow().history()).extracting(BeatRun::outcome)
			.contains(BeatRun.Outcome.MISSED);

		TaskHandle triggered = beat.trigger(this.name).orElseThrow();
		await("the triggered task").atMost(Duration.ofSeconds(30))
			.until(() -> this.ticks.drain().stream().anyMatch((tick) -> tick.taskId().equals(triggered.id())));
		assertThat(this.ticks.drain()).filteredOn((tick) -> tick.taskId().equals(triggered.id()))
			.singleElement()
			.satisfies((tick) -> {
				assertThat(tick.schedule()).isEqualTo(this.name);
				assertThat(tick.tick()).isNull();
			});
		assertThat(beat.get(this.name).orElseThrow().history()).extracting(BeatRun::outcome)
			.contains(BeatRun.Outcome.TRIGGERED);

		assertThat(beat.remove(this.name)).isTrue();
		Instant removedAt = Instant.now();
		assertThat(beat.get(this.name)).isEmpty();
		this.ticks.awaitNoneFor(Duration.ofMillis(2500));
		assertThat(this.ticks.drain()).allSatisfy(
				(tick) -> assertThat(tick.tick() == null || !tick.tick().isAfter(removedAt)).isTrue());
	}

	@Test
	void missedTicksAfterTheSchedulerWasStoppedAreSkippedFiredOnceOrCaughtUp() {
		ConfigurableApplicationContext app = apps.start("missed");
		BeatOperations beat = app.getBean(BeatOperations.class);
		for (MissedTicks policy : MissedTicks.values()) {
			beat.save(everySecond(this.name + "-" + policy).missedTicks(policy).build());
		}
		this.ticks.awaitAtLeast(6);
		BeatScheduler scheduler = app.getBean(BeatScheduler.class);
		scheduler.stop();
		Instant restartAt = Instant.now().plusMillis(4500);
		await("a few ticks pass").atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(restartAt));
		scheduler.start();
		int beforeRestart = this.ticks.drain().size();
		this.ticks.awaitAtLeast(beforeRestart + 9);

		List<Instant> caughtUp = ticksOf(this.name + "-" + MissedTicks.CATCH_UP);
		assertThat(gaps(caughtUp)).as("every tick, late ones too: %s", caughtUp).isEmpty();
		assertThat(outcomes(beat, MissedTicks.CATCH_UP)).doesNotContain(BeatRun.Outcome.MISSED);

		List<Instant> firedOnce = ticksOf(this.name + "-" + MissedTicks.FIRE_ONCE);
		assertThat(gaps(firedOnce)).as("ticks %s", firedOnce).isNotEmpty();
		assertThat(outcomes(beat, MissedTicks.FIRE_ONCE)).contains(BeatRun.Outcome.MISSED);
		assertThat(beat.get(this.name + "-" + MissedTicks.FIRE_ONCE).orElseThrow().history())
			.filteredOn((run) -> run.outcome() == BeatRun.Outcome.FIRED)
			.anySatisfy((run) -> assertThat(run.lateness()).isGreaterThan(Duration.ofSeconds(1)));

		List<Instant> skipped = ticksOf(this.name + "-" + MissedTicks.SKIP);
		assertThat(gaps(skipped)).as("ticks %s", skipped).isNotEmpty();
		assertThat(outcomes(beat, MissedTicks.SKIP)).contains(BeatRun.Outcome.MISSED);
	}

	@Test
	void overlapSkipAndBufferOneNeverRunTwoTasksOfAScheduleAtOnce() {
		ConfigurableApplicationContext app = apps.start("overlap");
		BeatOperations beat = app.getBean(BeatOperations.class);
		TaskOperations tasks = app.getBean(TaskOperations.class);
		for (Overlap policy : List.of(Overlap.SKIP, Overlap.BUFFER_ONE)) {
			beat.save(BeatSchedule.builder(this.name + "-" + policy, "apps.slow")
				.every(Duration.ofSeconds(1))
				.args(List.of(2500))
				.overlap(policy)
				.build());
		}
		for (Overlap policy : List.of(Overlap.SKIP, Overlap.BUFFER_ONE)) {
			await(policy + " fires, skips and fires again").atMost(Duration.ofSeconds(60))
				.until(() -> fired(beat, policy).size() >= 3 && beat.get(this.name + "-" + policy)
					.orElseThrow()
					.history()
					.stream()
					.anyMatch((run) -> run.outcome() == BeatRun.Outcome.SKIPPED));
		}
		for (Overlap policy : List.of(Overlap.SKIP, Overlap.BUFFER_ONE)) {
			List<BeatRun> fired = fired(beat, policy);
			for (int i = 1; i < fired.size(); i++) {
				OffsetDateTime previousDone = tasks.handle(fired.get(i).taskId()).result().dateDone();
				assertThat(previousDone).as("%s: %s finished", policy, fired.get(i)).isNotNull();
				assertThat(fired.get(i - 1).firedAt()).as("%s fired %s", policy, fired)
					.isAfterOrEqualTo(previousDone.toInstant().truncatedTo(ChronoUnit.MILLIS));
				if (policy == Overlap.BUFFER_ONE) {
					assertThat(fired.get(i - 1).scheduledAt()).as("held while the previous ran")
						.isBefore(previousDone.toInstant());
				}
			}
		}
	}

	private List<BeatRun> fired(BeatOperations beat, Overlap policy) {
		return beat.get(this.name + "-" + policy)
			.orElseThrow()
			.history()
			.stream()
			.filter((run) -> run.outcome() == BeatRun.Outcome.FIRED)
			.toList();
	}

	@Test
	void jitterDelaysEachTaskByItsTicksOwnOffset() {
		BeatOperations beat = apps.start("jitter").getBean(BeatOperations.class);
		BeatSchedule schedule = BeatSchedule.builder(this.name, "beat.tick")
			.every(Duration.ofSeconds(2))
			.jitter(Duration.ofMillis(1500))
			.queue(this.ticks.name())
			.build();
		beat.save(schedule);
		List<Tick> received = this.ticks.awaitAtLeast(3);
		assertThat(received).allSatisfy((tick) -> {
			assertThat(tick.eta()).isEqualTo(tick.tick().plus(BeatTicks.jitter(schedule, tick.tick())))
				.isBetween(tick.tick(), tick.tick().plusMillis(1500));
			assertThat(tick.taskId()).isEqualTo(BeatTicks.taskId(this.name, tick.tick()));
		});
	}

	private BeatSchedule.Builder everySecond(String name) {
		return BeatSchedule.builder(name, "beat.tick").every(Duration.ofSeconds(1)).queue(this.ticks.name());
	}

	private List<Instant> ticksOf(String schedule) {
		return this.ticks.drain()
			.stream()
			.filter((tick) -> tick.schedule().equals(schedule))
			.map(Tick::tick)
			.sorted()
			.toList();
	}

	private List<BeatRun.Outcome> outcomes(BeatOperations beat, MissedTicks policy) {
		return beat.get(this.name + "-" + policy).map(BeatScheduleInfo::history).orElseThrow().stream()
			.map(BeatRun::outcome)
			.toList();
	}

	private static List<Instant> gaps(List<Instant> ticks) {
		return ticks.stream()
			.skip(1)
			.filter((tick) -> !ticks.contains(tick.minusSeconds(1)))
			.toList();
	}

}
