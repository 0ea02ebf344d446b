package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BeatScheduleTests {

	private static final Instant NOON = Instant.parse("2026-05-05T12:00:00Z");

	@Test
	void everyCountsFromTheEpochOrTheStart() {
		assertThat(BeatSchedule.builder("s", "t").every(Duration.ofMinutes(1)).build().nextTick(NOON.plusSeconds(1)))
			.isEqualTo(NOON.plusSeconds(60));
		BeatSchedule fromStart = BeatSchedule.builder("s", "t")
			.every(Duration.ofMinutes(1))
			.start(NOON.plusSeconds(30))
			.build();
		assertThat(fromStart.trigger()).isEqualTo(BeatTrigger.every(Duration.ofMinutes(1), NOON.plusSeconds(30)));
		assertThat(fromStart.nextTick(NOON.minusSeconds(3600))).as("a tick at the start counts")
			.isEqualTo(NOON.plusSeconds(30));
		assertThat(fromStart.nextTick(NOON.plusSeconds(30))).isEqualTo(NOON.plusSeconds(90));
	}

	@Test
	void noTickBeforeTheStart() {
		BeatSchedule.Builder hourly = BeatSchedule.builder("s", "t").cron("0 0 * * * *");
		assertThat(hourly.start(NOON).build().nextTick(NOON.minusSeconds(7200))).as("a tick at the start counts")
			.isEqualTo(NOON);
		assertThat(hourly.start(NOON.plusNanos(1)).build().nextTick(NOON.minusSeconds(7200)))
			.isEqualTo(NOON.plusSeconds(3600));
		assertThat(hourly.start(NOON).build().nextTick(NOON.plusSeconds(60))).isEqualTo(NOON.plusSeconds(3600));
	}

	@Test
	void noTickAfterTheEnd() {
		BeatSchedule schedule = BeatSchedule.builder("s", "t").cron("0 0 * * * *").end(NOON).build();
		assertThat(schedule.nextTick(NOON.minusSeconds(1))).as("a tick at the end counts").isEqualTo(NOON);
		assertThat(schedule.nextTick(NOON)).isNull();
		assertThat(schedule.toBuilder().end(NOON.minusNanos(1)).build().nextTick(NOON.minusSeconds(1))).isNull();
	}

	@Test
	void aCronIsReadInTheZone() {
		BeatSchedule schedule = BeatSchedule.builder("s", "t").cron("0 9 * * *").zone(ZoneId.of("Asia/Tokyo")).build();
		assertThat(schedule.nextTick(NOON)).isEqualTo(Instant.parse("2026-05-06T00:00:00Z"));
	}

	@Test
	void aScheduleNeedsATriggerAndSaneBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> BeatSchedule.builder("s", "t").build())
			.withMessage("Schedule 's' needs a cron expression or a period");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BeatSchedule.builder("s", "t").cron("@daily").start(NOON).end(NOON.minusNanos(1)).build())
			.withMessage("Schedule 's' ends before it starts");
		assertThatIllegalArgumentException().isThrownBy(() -> BeatSchedule.builder("s", "t").every(Duration.ZERO))
			.withMessage("'every' must be at least a millisecond");
		assertThat(BeatSchedule.builder("s", "t").every(Duration.ofSeconds(Long.MAX_VALUE)).build().nextTick(NOON))
			.isNull();
	}

	@Test
	void schedulesAreEqualByAllTheirSettings() {
		BeatSchedule schedule = full().build();
		BeatSchedule same = full().args(new ArrayList<>(List.of("a", 1)))
			.kwargs(new LinkedHashMap<>(Map.of("flag", true, "n", 2)))
			.build();
		assertThat(same).isEqualTo(schedule).hasSameHashCodeAs(schedule);
		assertThat(schedule.toBuilder().build()).isEqualTo(schedule);
		List<UnaryOperator<BeatSchedule.Builder>> changes = List.of((b) -> full("other", "t"),
				(b) -> full("s", "other"), (b) -> b.cron("@hourly"), (b) -> b.zone(ZoneId.of("UTC")),
				(b) -> b.args(List.of("a", 2)), (b) -> b.kwargs(Map.of("flag", true)), (b) -> b.queue(null),
				(b) -> b.missedTicks(MissedTicks.SKIP), (b) -> b.catchUpWindow(Duration.ZERO),
				(b) -> b.overlap(Overlap.ALLOW), (b) -> b.jitter(Duration.ZERO), (b) -> b.start(null),
				(b) -> b.end(null), (b) -> b.paused(false), (b) -> b.declared(false));
		for (UnaryOperator<BeatSchedule.Builder> change : changes) {
			assertThat(change.apply(full()).build()).isNotEqualTo(schedule);
		}
	}

	@Test
	void toStringShowsAllSettings() {
		assertThat(full().build()).hasToString("BeatSchedule[name=s, task=t, trigger=Cron[@daily], zone=Europe/Berlin, "
				+ "args=[a, 1], kwargs={n=2, flag=true}, queue=q, missedTicks=CATCH_UP, catchUpWindow=PT2H, "
				+ "overlap=SKIP, jitter=PT1S, start=2026-05-05T12:00:00Z, end=2026-05-05T13:00:00Z, paused=true, "
				+ "declared=true]");
	}

	private static BeatSchedule.Builder full() {
		return full("s", "t");
	}

	private static BeatSchedule.Builder full(String name, String task) {
		Map<String, Object> kwargs = new LinkedHashMap<>();
		kwargs.put("n", 2);
		kwargs.put("flag", true);
		return BeatSchedule.builder(name, task)
			.cron("@daily")
			.zone(ZoneId.of("Europe/Berlin"))
			.args(List.of("a", 1))
			.kwargs(kwargs)
			.queue("q")
			.missedTicks(MissedTicks.CATCH_UP)
			.catchUpWindow(Duration.ofHours(2))
			.overlap(Overlap.SKIP)
			.jitter(Duration.ofSeconds(1))
			.start(NOON)
			.end(NOON.plusSeconds(3600))
			.paused(true)
			.declared(true);
	}

}
