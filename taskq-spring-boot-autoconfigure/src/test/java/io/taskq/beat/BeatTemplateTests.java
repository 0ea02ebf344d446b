package io.taskq.beat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryBeatStore;

import static org.assertj.core.api.Assertions.assertThat;

class BeatTemplateTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:30Z");

	private final InMemoryBeatStore store = new InMemoryBeatStore(T, 20);

	private final RecordingTaskOperations tasks = new RecordingTaskOperations(this.store.clock());

	private final List<BeatRun> told = new ArrayList<>();

	private final BeatTemplate template = template();

	private BeatTemplate template() {
		BeatTemplate template = new BeatTemplate(this.store, this.tasks, this.tasks.results, 5,
				Clock.fixed(T, ZoneOffset.UTC));
		template.setListeners(List.of((name, runs, missed) -> this.told.addAll(runs)));
		return template;
	}

	@Test
	void saveComputesTheNextTickFromTheStoresNow() {
		this.template.save(everyMinute("report"));
		BeatScheduleInfo info = this.template.get("report").orElseThrow();
		assertThat(info.nextDue()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
		assertThat(info.lastTick()).isNull();
		assertThat(info.schedule().declared()).isFalse();
	}

	@Test
	void pauseTakesTheScheduleOutOfTheDueIndexAndResumeMakesPassedTicksMissedTicks() {
		this.store.save(everyMinute("report"), (schedule, lastTick, now) -> T.minusSeconds(30));
		this.store.advance("report", null, T.minusSeconds(30), "task-1", T.plusSeconds(30), List.of());
		assertThat(this.template.pause("report")).isTrue();
		assertThat(this.store.lookAt("report")).isNull();
		assertThat(this.template.get("report").orElseThrow().nextDue()).isNull();
		assertThat(this.template.get("report").orElseThrow().schedule().paused()).isTrue();
		this.store.setNow(T.plusSeconds(600));
		assertThat(this.template.resume("report")).isTrue();
		assertThat(this.store.get("report").nextDue()).as("the tick after the last one")
			.isEqualTo(T.plusSeconds(30));
		assertThat(this.store.lookAt("report")).isEqualTo(T.plusSeconds(30));
		assertThat(this.store.get("report").schedule().paused()).isFalse();
	}

	@Test
	void unknownSchedulesAreReportedAsSuch() {
		assertThat(this.template.pause("nope")).isFalse();
		assertThat(this.template.resume("nope")).isFalse();
		assertThat(this.template.remove("nope")).isFalse();
		assertThat(this.template.trigger("nope")).isEmpty();
		assertThat(this.template.get("nope")).isEmpty();
	}

	@Test
	void triggerSendsNowWithAFreshIdAndRecordsTheRun() {
		this.template.save(everyMinute("report").toBuilder().queue("reports").args(List.of(7)).build());
		TaskHandle first = this.template.trigger("report").orElseThrow();
		TaskHandle second = this.template.trigger("report").orElseThrow();
		assertThat(first.id()).isNotEqualTo(second.id());
		assertThat(this.tasks.sent()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.task()).isEqualTo("reports.build");
			assertThat(request.queue()).isEqualTo("reports");
			assertThat(request.args()).containsExactly(7);
			assertThat(request.idempotencyKey()).isNull();
			assertThat(request.headers()).containsEntry(BeatScheduler.SCHEDULE_HEADER, "report");
		});
		assertThat(this.store.history("report", 10)).extracting(BeatRun::taskId)
			.containsExactly(second.id(), first.id());
		assertThat(this.told).extracting(BeatRun::outcome)
			.containsExactly(BeatRun.Outcome.TRIGGERED, BeatRun.Outcome.TRIGGERED);
		assertThat(this.store.get("report").lastTick()).as("ticks untouched").isNull();
	}

	@Test
	void getReadsTheHistoryWithTheStatesOfItsTasks() {
		this.template.save(everyMinute("report"));
		this.store.addHistory("report", List.of(
				new BeatRun(T, T, Duration.ZERO, "done", BeatRun.Outcome.FIRED, null),
				new BeatRun(T.plusSeconds(60), null, Duration.ZERO, null, BeatRun.Outcome.MISSED, null),
				new BeatRun(T.plusSeconds(120), T.plusSeconds(120), Duration.ZERO, "queued", BeatRun.Outcome.FIRED,
						null)));
		this.tasks.results.store(new TaskResult("done", TaskState.SUCCESS, null, null, null, null, null, null, null),
				Duration.ofDays(1));
		assertThat(this.template.get("report").orElseThrow().history()).extracting(BeatRun::taskState)
			.containsExactly(null, null, "SUCCESS");
		assertThat(this.template.list()).singleElement().satisfies((info) -> {
			assertThat(info.schedule().name()).isEqualTo("report");
			assertThat(info.history()).isEmpty();
		});
	}

	@Test
	void removeRemovesTheSchedule() {
		this.template.save(everyMinute("report"));
		assertThat(this.template.remove("report")).isTrue();
		assertThat(this.template.list()).isEmpty();
	}

	private static BeatSchedule everyMinute(String name) {
		return BeatSchedule.builder(name, "reports.build").every(Duration.ofMinutes(1)).build();
	}

}
