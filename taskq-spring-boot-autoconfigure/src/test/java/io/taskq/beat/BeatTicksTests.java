package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.taskq.beat.BeatTicks.TickPlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class BeatTicksTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(5);

	private static final Instant NOON = Instant.parse("2026-05-05T12:00:00Z");

	@Test
	void aTickOnTimeFires() {
		BeatSchedule schedule = everyMinute(MissedTicks.SKIP).build();
		assertThat(BeatTicks.plan(schedule, NOON, NOON.plusMillis(100), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON), 0, null, NOON.plusSeconds(60)));
		assertThat(BeatTicks.plan(schedule, NOON, NOON.plus(THRESHOLD), THRESHOLD))
			.as("late by the threshold exactly")
			.isEqualTo(new TickPlan(List.of(NOON), 0, null, NOON.plusSeconds(60)));
	}

	@Test
	void aScheduleNotDueYetFiresNothing() {
		BeatSchedule schedule = everyMinute(MissedTicks.SKIP).build();
		assertThat(BeatTicks.plan(schedule, NOON, NOON.minusMillis(1), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(), 0, null, NOON));
	}

	@Test
	void theDueInstantIsRoundedUpToATick() {
		BeatSchedule schedule = everyMinute(MissedTicks.SKIP).build();
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(30), NOON.plusSeconds(1), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON), 0, null, NOON.plusSeconds(60)));
	}

	@Test
	void skipMissesTheLateTicksAndFiresTheOnesOnTime() {
		BeatSchedule schedule = everyMinute(MissedTicks.SKIP).build();
		assertThat(BeatTicks.plan(schedule, NOON, NOON.plus(THRESHOLD).plusMillis(1), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(), 1, NOON, NOON.plusSeconds(60)));
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(3), THRESHOLD))
			.as("10:00 to 11:59 late, 12:00 on time")
			.isEqualTo(new TickPlan(List.of(NOON), 120, NOON.minusSeconds(60), NOON.plusSeconds(60)));
	}

	@Test
	void fireOnceFiresTheLatestLateTick() {
		BeatSchedule schedule = everyMinute(MissedTicks.FIRE_ONCE).build();
		assertThat(BeatTicks.plan(schedule, NOON, NOON.plus(THRESHOLD).plusMillis(1), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON), 0, null, NOON.plusSeconds(60)));
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(30), THRESHOLD))
			.as("10:00 to 12:00 late")
			.isEqualTo(new TickPlan(List.of(NOON), 120, NOON.minusSeconds(60), NOON.plusSeconds(60)));
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(3), THRESHOLD))
			.as("10:00 to 11:59 late, 12:00 on time")
			.isEqualTo(new TickPlan(List.of(NOON.minusSeconds(60), NOON), 119, NOON.minusSeconds(120),
					NOON.plusSeconds(60)));
	}

	@Test
	void catchUpFiresTheLateTicksWithinTheWindow() {
		BeatSchedule schedule = everyMinute(MissedTicks.CATCH_UP).catchUpWindow(Duration.ofMinutes(30)).build();
		TickPlan plan = BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(30), THRESHOLD);
		assertThat(plan.fire()).as("11:31 to 12:00")
			.hasSize(30)
			.startsWith(NOON.minusSeconds(29 * 60))
			.endsWith(NOON)
			.isSorted();
		assertThat(plan.missed()).as("10:00 to 11:30").isEqualTo(91);
		assertThat(plan.lastMissed()).isEqualTo(NOON.minusSeconds(30 * 60));
		assertThat(plan.next()).isEqualTo(NOON.plusSeconds(60));
	}

	@Test
	void catchUpFiresAllLateTicksOfADowntimeShorterThanTheWindow() {
		BeatSchedule schedule = everyMinute(MissedTicks.CATCH_UP).catchUpWindow(Duration.ofHours(3)).build();
		TickPlan plan = BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(30), THRESHOLD);
		assertThat(plan.fire()).hasSize(121).startsWith(NOON.minusSeconds(7200)).endsWith(NOON);
		assertThat(plan.missed()).isZero();
		assertThat(plan.lastMissed()).isNull();
	}

	@Test
	void catchUpWithAWindowShorterThanTheThresholdMissesEveryLateTick() {
		BeatSchedule schedule = everyMinute(MissedTicks.CATCH_UP).catchUpWindow(Duration.ofSeconds(1)).build();
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON.plusSeconds(3), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON), 120, NOON.minusSeconds(60), NOON.plusSeconds(60)));
	}

	@Test
	void aPlanFiresAtMostAThousandTicksAndTheNextOnesGoOn() {
		BeatSchedule schedule = BeatSchedule.builder("s", "t")
			.every(Duration.ofSeconds(1))
			.missedTicks(MissedTicks.CATCH_UP)
			.catchUpWindow(Duration.ofHours(1))
			.build();
		Instant now = NOON;
		TickPlan plan = BeatTicks.plan(schedule, NOON.minusSeconds(7200), now, THRESHOLD);
		assertThat(plan.fire()).hasSize(BeatTicks.MAX_FIRED)
			.startsWith(NOON.minusSeconds(3600))
			.endsWith(NOON.minusSeconds(3600 - 999));
		assertThat(plan.missed()).isEqualTo(3600);
		assertThat(plan.lastMissed()).isEqualTo(NOON.minusSeconds(3601));
		assertThat(plan.next()).isEqualTo(NOON.minusSeconds(3600 - 1000));
		List<Instant> fired = new ArrayList<>(plan.fire());
		while (plan.next() != null && !plan.next().isAfter(now)) {
			now = now.plusMillis(100);
			plan = BeatTicks.plan(schedule, plan.next(), now, THRESHOLD);
			assertThat(plan.missed()).isZero();
			fired.addAll(plan.fire());
		}
		assertThat(fired).hasSize(3601).doesNotHaveDuplicates().isSorted().endsWith(NOON);
		assertThat(plan.next()).isEqualTo(NOON.plusSeconds(1));
	}

	@Test
	void aYearOfMissedTicksOfAOneSecondScheduleIsCountedQuickly() {
		Instant due = NOON.minus(Duration.ofDays(365));
		Instant now = NOON.plusMillis(500);
		BeatSchedule.Builder everySecond = BeatSchedule.builder("s", "t").every(Duration.ofSeconds(1));
		long late = 365L * 86400 - 4;
		List<Instant> onTime = List.of(NOON.minusSeconds(4), NOON.minusSeconds(3), NOON.minusSeconds(2),
				NOON.minusSeconds(1), NOON);
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			assertThat(BeatTicks.plan(everySecond.missedTicks(MissedTicks.SKIP).build(), due, now, THRESHOLD))
				.isEqualTo(new TickPlan(onTime, late, NOON.minusSeconds(5), NOON.plusSeconds(1)));
			assertThat(BeatTicks.plan(everySecond.missedTicks(MissedTicks.FIRE_ONCE).build(), due, now, THRESHOLD))
				.isEqualTo(new TickPlan(concat(NOON.minusSeconds(5), onTime), late - 1, NOON.minusSeconds(6),
						NOON.plusSeconds(1)));
			TickPlan catchUp = BeatTicks.plan(
					everySecond.missedTicks(MissedTicks.CATCH_UP).catchUpWindow(Duration.ofMinutes(10)).build(), due,
					now, THRESHOLD);
			assertThat(catchUp.fire()).hasSize(600).startsWith(NOON.minusSeconds(599)).endsWith(NOON);
			assertThat(catchUp.missed()).isEqualTo(late - 595);
			assertThat(catchUp.lastMissed()).isEqualTo(NOON.minusSeconds(600));
		});
	}

	@Test
	void missedTicksOfACronAreCountedUpToALimit() {
		BeatSchedule daily = BeatSchedule.builder("s", "t").cron("0 0 * * *").missedTicks(MissedTicks.SKIP).build();
		assertThat(BeatTicks.plan(daily, NOON.minus(Duration.ofDays(30)), NOON, THRESHOLD))
			.isEqualTo(new TickPlan(List.of(), 30, Instant.parse("2026-05-05T00:00:00Z"),
					Instant.parse("2026-05-06T00:00:00Z")));
		BeatSchedule everySecond = BeatSchedule.builder("s", "t")
			.cron("* * * * * *")
			.missedTicks(MissedTicks.FIRE_ONCE)
			.build();
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(
				BeatTicks.plan(everySecond, NOON.minus(Duration.ofDays(365)), NOON.plusMillis(500), THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON.minusSeconds(5), NOON.minusSeconds(4), NOON.minusSeconds(3),
					NOON.minusSeconds(2), NOON.minusSeconds(1), NOON), BeatTicks.MAX_COUNTED, NOON.minusSeconds(6),
					NOON.plusSeconds(1))));
	}

	@Test
	void ticksAfterTheEndAreNotConsidered() {
		BeatSchedule schedule = everyMinute(MissedTicks.SKIP).end(NOON.minusSeconds(3600)).build();
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON, THRESHOLD))
			.isEqualTo(new TickPlan(List.of(), 61, NOON.minusSeconds(3600), null));
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(3599), NOON, THRESHOLD))
			.isEqualTo(new TickPlan(List.of(), 0, null, null));
	}

	@Test
	void ticksBeforeTheStartAreNotConsidered() {
		BeatSchedule schedule = BeatSchedule.builder("s", "t")
			.cron("0 * * * * *")
			.missedTicks(MissedTicks.CATCH_UP)
			.start(NOON.minusSeconds(120))
			.build();
		assertThat(BeatTicks.plan(schedule, NOON.minusSeconds(7200), NOON, THRESHOLD))
			.isEqualTo(new TickPlan(List.of(NOON.minusSeconds(120), NOON.minusSeconds(60), NOON), 0, null,
					NOON.plusSeconds(60)));
	}

	@Test
	void aTicksTaskIdIsANameBasedUuid() {
		// Computed once with Python: uuid.UUID(bytes=hashlib.md5(b"taskq-beat:nightly-report:1778025600000")
		// .digest(), version=3), which is what Java's UUID.nameUUIDFromBytes computes.
		Instant tick = Instant.parse("2026-05-06T00:00:00Z");
		assertThat(BeatTicks.taskId("nightly-report", tick)).isEqualTo("ed64a678-9a5a-36f7-b49e-64aa83a79e5c");
		assertThat(BeatTicks.taskId("nächtlich", tick)).isEqualTo("7528ca6a-f51b-337d-8d23-4d55d05bebb7");
		assertThat(BeatTicks.taskId("nightly-report", tick.plusNanos(999_999)))
			.as("milliseconds only")
			.isEqualTo("ed64a678-9a5a-36f7-b49e-64aa83a79e5c");
	}

	@Test
	void eachTickAndScheduleHasItsOwnTaskId() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(BeatTicks.taskId("a", NOON.plusMillis(i)));
			ids.add(BeatTicks.taskId("b", NOON.plusMillis(i)));
		}
		assertThat(ids).hasSize(20_000);
	}

	@Test
	void jitterIsDerivedFromTheNameAndTheTick() {
		// Computed once with Python: int.from_bytes(hashlib.sha256(b"nightly-report:1778025600000")
		// .digest()[:8], "big") % 60000, and likewise for "nächtlich" encoded in UTF-8.
		Instant tick = Instant.parse("2026-05-06T00:00:00Z");
		BeatSchedule schedule = BeatSchedule.builder("nightly-report", "t")
			.cron("@daily")
			.jitter(Duration.ofMinutes(1))
			.build();
		assertThat(BeatTicks.jitter(schedule, tick)).isEqualTo(Duration.ofMillis(6276));
		assertThat(BeatTicks.jitter(BeatSchedule.builder("nächtlich", "t")
			.cron("@daily")
			.jitter(Duration.ofMinutes(1))
			.build(), tick)).isEqualTo(Duration.ofMillis(41043));
	}

	@Test
	void noJitterBelowAMillisecond() {
		BeatSchedule.Builder schedule = BeatSchedule.builder("s", "t").every(Duration.ofSeconds(1));
		assertThat(BeatTicks.jitter(schedule.build(), NOON)).isZero();
		assertThat(BeatTicks.jitter(schedule.jitter(Duration.ofNanos(999_999)).build(), NOON)).isZero();
		for (int i = 0; i < 100; i++) {
			assertThat(BeatTicks.jitter(schedule.jitter(Duration.ofMillis(1)).build(), NOON.plusSeconds(i))).isZero();
		}
	}

	@Test
	void jitterIsSpreadOverItsRange() {
		BeatSchedule schedule = BeatSchedule.builder("s", "t")
			.every(Duration.ofSeconds(1))
			.jitter(Duration.ofSeconds(10))
			.build();
		int[] deciles = new int[10];
		Set<Duration> distinct = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			Duration jitter = BeatTicks.jitter(schedule, NOON.plusSeconds(i));
			assertThat(jitter).isEqualTo(BeatTicks.jitter(schedule, NOON.plusSeconds(i)))
				.isGreaterThanOrEqualTo(Duration.ZERO)
				.isLessThan(Duration.ofSeconds(10));
			assertThat(jitter.toNanos() % 1_000_000).isZero();
			deciles[(int) (jitter.toMillis() / 1000)]++;
			distinct.add(jitter);
		}
		for (int count : deciles) {
			assertThat(count).isBetween(850, 1150);
		}
		assertThat(distinct).as("about 1 - 1/e of the 10,000 values").hasSizeGreaterThan(6000);
	}

	private static BeatSchedule.Builder everyMinute(MissedTicks missedTicks) {
		return BeatSchedule.builder("s", "t").every(Duration.ofMinutes(1)).missedTicks(missedTicks);
	}

	private static List<Instant> concat(Instant first, List<Instant> rest) {
		List<Instant> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

}
