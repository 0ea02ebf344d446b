package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.TaskRequest;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryBeatStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BeatSchedulerTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	private static final BeatScheduler.Settings SETTINGS = new BeatScheduler.Settings(Duration.ofMillis(100),
			Duration.ofSeconds(3), Duration.ofSeconds(5), 1000, Duration.ofMinutes(15));

	private final InMemoryBeatStore store = new InMemoryBeatStore(T, 20);

	private final RecordingTaskOperations tasks = new RecordingTaskOperations();

	private final List<String> told = new ArrayList<>();

	private final BeatScheduler scheduler = scheduler(SETTINGS, List.of());

	private BeatScheduler scheduler(BeatScheduler.Settings settings, List<BeatSchedule> declared) {
		BeatScheduler scheduler = new BeatScheduler(this.store, this.tasks, this.tasks.results,
				new DeclaredSchedules(declared, JsonMapper.builder().build()), settings);
		scheduler.setListeners(List.of((name, runs, missed) -> runs
			.forEach((run) -> this.told.add(name + " " + run.outcome() + " " + run.scheduledAt() + " " + missed))));
		return scheduler;
	}

	@Test
	void aDueTickIsSentWithItsDerivedIdIdempotencyKeyHeadersAndQueue() {
		due(BeatSchedule.builder("report", "reports.build")
			.every(Duration.ofMinutes(1))
			.args(List.of(42))
			.kwargs(Map.of("tenant", "acme"))
			.queue("reports")
			.build(), T);
		this.store.setNow(T.plusMillis(20));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).singleElement().satisfies((request) -> {
			assertThat(request.task()).isEqualTo("reports.build");
			assertThat(request.taskId()).isEqualTo(BeatTicks.taskId("report", T));
			assertThat(request.idempotencyKey()).isEqualTo("beat:report:" + T.toEpochMilli());
			assertThat(request.idempotencyWindow()).isEqualTo(Duration.ofMinutes(15));
			assertThat(request.headers()).containsExactly(Map.entry(BeatScheduler.SCHEDULE_HEADER, "report"),
					Map.entry(BeatScheduler.TICK_HEADER, "2026-01-01T00:00:00Z"));
			assertThat(request.queue()).isEqualTo("reports");
			assertThat(request.args()).containsExactly(42);
			assertThat(request.kwargs()).containsExactly(Map.entry("tenant", "acme"));
			assertThat(request.eta(T)).as("no jitter").isNull();
		});
		BeatStore.Entry entry = this.store.get("report");
		assertThat(entry.lastTick()).isEqualTo(T);
		assertThat(entry.lastTaskId()).isEqualTo(BeatTicks.taskId("report", T));
		assertThat(entry.nextDue()).isEqualTo(T.plusSeconds(60));
		assertThat(this.store.history("report", 10)).containsExactly(new BeatRun(T, T.plusMillis(20),
				Duration.ofMillis(20), BeatTicks.taskId("report", T), BeatRun.Outcome.FIRED, null));
		assertThat(this.told).containsExactly("report FIRED " + T + " 0");
	}

	@Test
	void jitterDelaysTheTaskByTheTicksOwnOffset() {
		BeatSchedule schedule = BeatSchedule.builder("report", "reports.build")
			.every(Duration.ofMinutes(1))
			.jitter(Duration.ofSeconds(30))
			.build();
		due(schedule, T);
		this.scheduler.poll();
		assertThat(this.tasks.sent()).singleElement()
			.satisfies((request) -> assertThat(request.eta(T)).isEqualTo(T.plus(BeatTicks.jitter(schedule, T)))
				.isBetween(T, T.plusSeconds(30)));
	}

	@Test
	void nothingIsSentBeforeTheTickAndThePollWaitsForIt() {
		due(everyMinute("report"), T.plusSeconds(60));
		this.store.setNow(T.plusSeconds(60).minusMillis(40));
		assertThat(this.scheduler.poll()).isBetween(Duration.ZERO, Duration.ofMillis(40));
		assertThat(this.tasks.sent()).isEmpty();
		this.store.setNow(T.plusSeconds(60));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(1);
		assertThat(this.scheduler.poll()).as("next tick a minute away").isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aFullPollIsFollowedByAnotherAtOnce() {
		BeatScheduler small = scheduler(new BeatScheduler.Settings(Duration.ofMillis(100), Duration.ofSeconds(3),
				Duration.ofSeconds(5), 2, Duration.ofMinutes(15)), List.of());
		for (String name : List.of("a", "b", "c")) {
			due(everyMinute(name), T);
		}
		assertThat(small.poll()).isZero();
		assertThat(small.poll()).isPositive();
		assertThat(this.tasks.sent()).hasSize(3);
	}

	@Test
	void aFailedSendLeavesTheTickClaimedAndTheSameTickIsSentAgainAfterTheClaim() {
		due(everyMinute("report"), T);
		this.tasks.failWith((request) -> new TaskPublishException(request.taskId(), "broker down", null));
		this.scheduler.poll();
		assertThat(this.store.get("report").lastTick()).isNull();
		this.tasks.failWith((request) -> null);
		this.store.advanceClock(Duration.ofSeconds(1));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).as("still claimed").isEmpty();
		this.store.advanceClock(Duration.ofSeconds(2));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).singleElement()
			.satisfies((request) -> assertThat(request.taskId()).isEqualTo(BeatTicks.taskId("report", T)));
		assertThat(this.store.get("report").lastTick()).isEqualTo(T);
		assertThat(this.store.history("report", 10)).singleElement()
			.satisfies((run) -> assertThat(run.lateness()).isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void aTickAnotherInstanceSentIsNotSentTwice() {
		due(everyMinute("report"), T);
		BeatStore.Entry claimedByAnother = this.store.claimDue(10, Duration.ofSeconds(3)).claimed().get(0);
		this.tasks.send(TaskRequest.builder("reports.build")
			.taskId(BeatTicks.taskId("report", claimedByAnother.nextDue()))
			.idempotencyKey("beat:report:" + T.toEpochMilli())
			.build());
		this.store.advanceClock(Duration.ofSeconds(3));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(1);
		assertThat(this.store.get("report").lastTaskId()).isEqualTo(BeatTicks.taskId("report", T));
		assertThat(this.store.advance("report", null, T, "late", T.plusSeconds(60), List.of()))
			.as("the other instance's record comes too late").isFalse();
	}

	@Test
	void aScheduleThatCannotBeSentIsRecordedAsFailedAndTheOthersGoOn() {
		due(everyMinute("bad"), T);
		due(everyMinute("good"), T);
		this.tasks.failWith((request) -> request.headers().get(BeatScheduler.SCHEDULE_HEADER).equals("bad")
				? new IllegalArgumentException("Arguments of task 'reports.build' cannot be written as JSON") : null);
		this.scheduler.poll();
		assertThat(this.tasks.sent()).singleElement()
			.satisfies((request) -> assertThat(request.taskId()).isEqualTo(BeatTicks.taskId("good", T)));
		assertThat(this.store.history("bad", 10)).singleElement()
			.satisfies((run) -> assertThat(run.outcome()).isEqualTo(BeatRun.Outcome.FAILED));
		assertThat(this.store.get("bad").nextDue()).isEqualTo(T.plusSeconds(60));
	}

	@Test
	void missedTicksSkippedGoOnAtTheNextTick() {
		due(everyMinute("report").toBuilder().missedTicks(MissedTicks.SKIP).build(), T);
		this.store.setNow(T.plusSeconds(600 + 30));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).isEmpty();
		assertThat(this.store.history("report", 10)).containsExactly(new BeatRun(T.plusSeconds(600), null,
				Duration.ZERO, null, BeatRun.Outcome.MISSED, null));
		assertThat(this.store.get("report").nextDue()).isEqualTo(T.plusSeconds(660));
		assertThat(this.told).containsExactly("report MISSED " + T.plusSeconds(600) + " 11");
	}

	@Test
	void missedTicksFiredOnceFireTheLatest() {
		due(everyMinute("report"), T);
		this.store.setNow(T.plusSeconds(600 + 30));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).extracting(TaskRequest::taskId)
			.containsExactly(BeatTicks.taskId("report", T.plusSeconds(600)));
		assertThat(this.store.history("report", 10)).extracting(BeatRun::outcome)
			.containsExactly(BeatRun.Outcome.FIRED, BeatRun.Outcome.MISSED);
		assertThat(this.store.get("report").lastTick()).isEqualTo(T.plusSeconds(600));
	}

	@Test
	void missedTicksCaughtUpWithinTheWindowFireOldestFirst() {
		due(everyMinute("report").toBuilder()
			.missedTicks(MissedTicks.CATCH_UP)
			.catchUpWindow(Duration.ofMinutes(3))
			.build(), T);
		this.store.setNow(T.plusSeconds(600 + 30));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).extracting(TaskRequest::taskId)
			.containsExactly(BeatTicks.taskId("report", T.plusSeconds(480)),
					BeatTicks.taskId("report", T.plusSeconds(540)), BeatTicks.taskId("report", T.plusSeconds(600)));
		assertThat(this.store.get("report").nextDue()).isEqualTo(T.plusSeconds(660));
	}

	@Test
	void overlapSkipRecordsTheTickSkippedWhileThePreviousRuns() {
		due(everyMinute("report").toBuilder().overlap(Overlap.SKIP).build(), T);
		this.scheduler.poll();
		running(BeatTicks.taskId("report", T));
		this.store.setNow(T.plusSeconds(60));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(1);
		assertThat(this.store.history("report", 10)).first()
			.isEqualTo(new BeatRun(T.plusSeconds(60), null, Duration.ZERO, null, BeatRun.Outcome.SKIPPED, null));
		assertThat(this.store.get("report").lastTaskId()).as("still the running one")
			.isEqualTo(BeatTicks.taskId("report", T));
		assertThat(this.store.get("report").nextDue()).isEqualTo(T.plusSeconds(120));
	}

	@Test
	void ticksDueTogetherSendOnlyTheLatestUnlessOverlapIsAllowed() {
		due(everyMinute("report").toBuilder()
			.missedTicks(MissedTicks.CATCH_UP)
			.catchUpWindow(Duration.ofMinutes(3))
			.overlap(Overlap.SKIP)
			.build(), T);
		this.store.setNow(T.plusSeconds(600 + 30));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).extracting(TaskRequest::taskId)
			.containsExactly(BeatTicks.taskId("report", T.plusSeconds(600)));
		assertThat(this.store.history("report", 10)).extracting(BeatRun::outcome)
			.containsExactly(BeatRun.Outcome.FIRED, BeatRun.Outcome.SKIPPED, BeatRun.Outcome.SKIPPED,
					BeatRun.Outcome.MISSED);
	}

	@Test
	void overlapAllowSendsWhileThePreviousRuns() {
		due(everyMinute("report"), T);
		this.scheduler.poll();
		running(BeatTicks.taskId("report", T));
		this.store.setNow(T.plusSeconds(60));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(2);
	}

	@Test
	void overlapBufferOneHoldsTheLatestTickUntilThePreviousFinishes() {
		due(everyMinute("report").toBuilder().overlap(Overlap.BUFFER_ONE).build(), T);
		this.scheduler.poll();
		String first = BeatTicks.taskId("report", T);
		running(first);
		this.store.setNow(T.plusSeconds(60));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(1);
		assertThat(this.store.lookAt("report")).isEqualTo(T.plusSeconds(60).plusMillis(100));
		this.store.setNow(T.plusSeconds(130));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).hasSize(1);
		assertThat(this.store.history("report", 10)).first()
			.isEqualTo(new BeatRun(T.plusSeconds(60), null, Duration.ZERO, null, BeatRun.Outcome.SKIPPED, null));
		this.tasks.results.store(new TaskResult(first, TaskState.SUCCESS, null, null, null,
				OffsetDateTime.ofInstant(T.plusSeconds(150), ZoneOffset.UTC), null, null, null), Duration.ofDays(1));
		this.store.setNow(T.plusSeconds(152));
		this.scheduler.poll();
		assertThat(this.tasks.sent()).extracting(TaskRequest::taskId)
			.containsExactly(first, BeatTicks.taskId("report", T.plusSeconds(120)));
		assertThat(this.store.history("report", 10)).first()
			.isEqualTo(new BeatRun(T.plusSeconds(120), T.plusSeconds(152), Duration.ofSeconds(32),
					BeatTicks.taskId("report", T.plusSeconds(120)), BeatRun.Outcome.FIRED, null));
		assertThat(this.store.get("report").nextDue()).isEqualTo(T.plusSeconds(180));
	}

	@Test
	void syncAddsDeclaredSchedulesAndRemovesThoseNoLongerDeclared() {
		this.store.syncDeclared(List.of(everyMinute("old")), BeatStore.NextDue.fromNow());
		this.store.save(everyMinute("runtime"), BeatStore.NextDue.fromNow());
		BeatScheduler declaring = scheduler(SETTINGS, List.of(everyMinute("new")));
		assertThat(declaring.sync()).containsExactly("old");
		assertThat(this.store.list()).extracting((entry) -> entry.schedule().name())
			.containsExactlyInAnyOrder("runtime", "new");
		assertThat(this.store.get("new").nextDue()).isEqualTo(T.plusSeconds(60));
	}

	@Test
	void startedItSynchronisesThenPollsAndStopsPromptly() {
		BeatScheduler running = scheduler(new BeatScheduler.Settings(Duration.ofHours(1), Duration.ofSeconds(3),
				Duration.ofSeconds(5), 1000, Duration.ofMinutes(15)),
				List.of(everyMinute("report").toBuilder().every(Duration.ofSeconds(1)).build()));
		running.start();
		try {
			this.store.setNow(T.plusSeconds(1));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.store.get("report") != null);
			assertThat(running.isRunning()).isTrue();
		}
		finally {
			long started = System.nanoTime();
			running.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		assertThat(running.isRunning()).isFalse();
	}

	@Test
	void aStoreThatCannotBeReachedIsRetriedUntilItAnswers() {
		BeatScheduler running = scheduler(SETTINGS, List.of(everyMinute("report")));
		this.store.setUnavailable(true);
		running.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.store.calls() >= 3);
			assertThat(running.isRunning()).isTrue();
			this.store.setUnavailable(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.store.get("report") != null);
		}
		finally {
			running.stop();
		}
	}

	private void due(BeatSchedule schedule, Instant at) {
		this.store.save(schedule, (saved, lastTick, now) -> at);
	}

	private void running(String taskId) {
		this.tasks.results.store(new TaskResult(taskId, TaskState.STARTED, null, null, null, null, null, null, null),
				Duration.ofDays(1));
	}

	private static BeatSchedule everyMinute(String name) {
		return BeatSchedule.builder(name, "reports.build").every(Duration.ofMinutes(1)).build();
	}

}
