package io.taskq.beat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BeatTriggerTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

	@Test
	void sixFieldsStartWithTheSecond() {
		BeatTrigger trigger = BeatTrigger.cron("15 30 2 * * *");
		assertThat(trigger.next(instant("2026-05-05T10:00:00Z"), ZoneOffset.UTC))
			.isEqualTo(instant("2026-05-06T02:30:15Z"));
	}

	@Test
	void fiveFieldsStartWithTheMinuteAtSecondZero() {
		BeatTrigger trigger = BeatTrigger.cron(" 30 2 * * 1-5 ");
		assertThat(trigger.next(instant("2026-05-05T10:00:00Z"), ZoneOffset.UTC))
			.isEqualTo(instant("2026-05-06T02:30:00Z"));
		assertThat(trigger.next(instant("2026-05-08T10:00:00Z"), ZoneOffset.UTC))
			.as("Friday, then Monday")
			.isEqualTo(instant("2026-05-11T02:30:00Z"));
		assertThat(ticks(trigger, ZoneOffset.UTC, instant("2026-05-01T00:00:00Z"), instant("2026-06-01T00:00:00Z")))
			.isEqualTo(ticks(BeatTrigger.cron("0 30 2 * * MON-FRI"), ZoneOffset.UTC, instant("2026-05-01T00:00:00Z"),
					instant("2026-06-01T00:00:00Z")));
	}

	@Test
	void macrosAreSpringOnes() {
		Instant after = instant("2026-05-05T10:20:00Z");
		assertThat(BeatTrigger.cron("@hourly").next(after, ZoneOffset.UTC)).isEqualTo(instant("2026-05-05T11:00:00Z"));
		assertThat(BeatTrigger.cron("@daily").next(after, ZoneOffset.UTC)).isEqualTo(instant("2026-05-06T00:00:00Z"));
		assertThat(BeatTrigger.cron("@midnight").next(after, BERLIN)).isEqualTo(instant("2026-05-05T22:00:00Z"));
		assertThat(BeatTrigger.cron("@weekly").next(after, ZoneOffset.UTC))
			.as("Sunday")
			.isEqualTo(instant("2026-05-10T00:00:00Z"));
		assertThat(BeatTrigger.cron("@monthly").next(after, ZoneOffset.UTC)).isEqualTo(instant("2026-06-01T00:00:00Z"));
		assertThat(BeatTrigger.cron("@yearly").next(after, ZoneOffset.UTC)).isEqualTo(instant("2027-01-01T00:00:00Z"));
	}

	@Test
	void invalidExpressionsAreRejectedWhenBuiltWithTheirText() {
		for (String expression : List.of("0 0 25 * * *", "61 * * * *", "not a cron", "* * * *", "0 0 0 * * * 2026",
				"@fortnightly")) {
			assertThatIllegalArgumentException().as(expression)
				.isThrownBy(() -> BeatTrigger.cron(expression))
				.withMessageStartingWith("Invalid cron expression '" + expression + "': ");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> BeatTrigger.cron(" "))
			.withMessage("A cron expression must not be empty");
	}

	@Test
	void anExpressionThatNeverMatchesHasNoTick() {
		assertThat(BeatTrigger.cron("0 0 0 30 2 *").next(instant("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).isNull();
	}

	@Test
	void cronTriggersAreEqualByTheirExpression() {
		BeatTrigger.Cron trigger = BeatTrigger.cron("0 */5 * * * *");
		assertThat(trigger).isEqualTo(BeatTrigger.cron("0 */5 * * * *"))
			.hasSameHashCodeAs(BeatTrigger.cron("0 */5 * * * *"))
			.isNotEqualTo(BeatTrigger.cron("*/5 * * * *"))
			.hasToString("Cron[0 */5 * * * *]");
		assertThat(trigger.expression()).isEqualTo("0 */5 * * * *");
	}

	@Test
	void aTimeSkippedBySpringForwardFiresOnceAtTheChange() {
		BeatTrigger daily = BeatTrigger.cron("0 30 2 * * *");
		assertThat(ticks(daily, BERLIN, instant("2026-03-27T12:00:00Z"), instant("2026-03-31T12:00:00Z")))
			.containsExactly(instant("2026-03-28T01:30:00Z"), instant("2026-03-29T01:00:00Z"),
					instant("2026-03-30T00:30:00Z"), instant("2026-03-31T00:30:00Z"));
		assertThat(daily.next(instant("2026-03-29T00:59:59Z"), BERLIN)).isEqualTo(instant("2026-03-29T01:00:00Z"));
		assertThat(daily.next(instant("2026-03-29T01:00:00Z"), BERLIN)).isEqualTo(instant("2026-03-30T00:30:00Z"));
	}

	@Test
	void allTimesSkippedBySpringForwardCollapseIntoOneTick() {
		BeatTrigger everyMinute = BeatTrigger.cron("0 * * * * *");
		assertThat(ticks(everyMinute, BERLIN, instant("2026-03-29T00:57:00Z"), instant("2026-03-29T01:02:00Z")))
			.as("01:58, 01:59, 02:00-03:00 together, 03:01, 03:02 local")
			.containsExactly(instant("2026-03-29T00:58:00Z"), instant("2026-03-29T00:59:00Z"),
					instant("2026-03-29T01:00:00Z"), instant("2026-03-29T01:01:00Z"), instant("2026-03-29T01:02:00Z"));
	}

	@Test
	void aRepeatedTimeFiresAtItsFirstOccurrenceOnly() {
		BeatTrigger daily = BeatTrigger.cron("0 30 2 * * *");
		assertThat(ticks(daily, BERLIN, instant("2026-10-23T12:00:00Z"), instant("2026-10-26T12:00:00Z")))
			.containsExactly(instant("2026-10-24T00:30:00Z"), instant("2026-10-25T00:30:00Z"),
					instant("2026-10-26T01:30:00Z"));
		assertThat(daily.next(instant("2026-10-25T01:15:00Z"), BERLIN))
			.as("after the first occurrence, from within the second one")
			.isEqualTo(instant("2026-10-26T01:30:00Z"));
		assertThat(daily.next(instant("2026-10-25T00:15:00Z"), BERLIN))
			.as("from within the first occurrence")
			.isEqualTo(instant("2026-10-25T00:30:00Z"));
	}

	@Test
	void hourlyTicksAreNotRepeatedWhenClocksFallBack() {
		BeatTrigger hourly = BeatTrigger.cron("0 0 * * * *");
		assertThat(ticks(hourly, BERLIN, instant("2026-10-24T22:30:00Z"), instant("2026-10-25T03:00:00Z")))
			.as("01:00 and 02:00 summer time, 03:00 and 04:00 winter time")
			.containsExactly(instant("2026-10-24T23:00:00Z"), instant("2026-10-25T00:00:00Z"),
					instant("2026-10-25T02:00:00Z"), instant("2026-10-25T03:00:00Z"));
	}

	@Test
	void newYorkTransitions() {
		assertThat(ticks(BeatTrigger.cron("30 2 * * *"), NEW_YORK, instant("2026-03-07T00:00:00Z"),
				instant("2026-03-09T12:00:00Z")))
			.containsExactly(instant("2026-03-07T07:30:00Z"), instant("2026-03-08T07:00:00Z"),
					instant("2026-03-09T06:30:00Z"));
		assertThat(ticks(BeatTrigger.cron("30 1 * * *"), NEW_YORK, instant("2026-10-31T00:00:00Z"),
				instant("2026-11-02T12:00:00Z")))
			.containsExactly(instant("2026-10-31T05:30:00Z"), instant("2026-11-01T05:30:00Z"),
					instant("2026-11-02T06:30:00Z"));
	}

	@Test
	void lordHoweShiftsByHalfAnHour() {
		assertThat(ticks(BeatTrigger.cron("0 15 2 * * *"), LORD_HOWE, instant("2026-10-02T00:00:00Z"),
				instant("2026-10-05T00:00:00Z")))
			.as("02:00-02:30 is skipped on 4 October")
			.containsExactly(instant("2026-10-02T15:45:00Z"), instant("2026-10-03T15:30:00Z"),
					instant("2026-10-04T15:15:00Z"));
		assertThat(ticks(BeatTrigger.cron("0 45 1 * * *"), LORD_HOWE, instant("2026-04-03T00:00:00Z"),
				instant("2026-04-06T00:00:00Z")))
			.as("01:30-02:00 happens twice on 5 April")
			.containsExactly(instant("2026-04-03T14:45:00Z"), instant("2026-04-04T14:45:00Z"),
					instant("2026-04-05T15:15:00Z"));
	}

	@Test
	void aDailyCronTicksOnEveryDayOfAYearWithTwoChanges() {
		List<Instant> ticks = ticks(BeatTrigger.cron("0 30 2 * * *"), BERLIN, instant("2025-12-31T23:00:00Z"),
				instant("2026-12-31T23:00:00Z"));
		assertThat(ticks).hasSize(365);
		Set<LocalDate> days = new HashSet<>();
		ticks.forEach((tick) -> days.add(LocalDate.ofInstant(tick, BERLIN)));
		assertThat(days).hasSize(365);
	}

	@Test
	void everyTicksFromItsAnchorOn() {
		BeatTrigger trigger = BeatTrigger.every(Duration.ofSeconds(7), instant("2026-01-01T00:00:03Z"));
		assertThat(trigger.next(instant("2026-01-01T00:00:03Z"), BERLIN)).isEqualTo(instant("2026-01-01T00:00:10Z"));
		assertThat(trigger.next(instant("2026-01-01T00:00:09.999Z"), BERLIN))
			.isEqualTo(instant("2026-01-01T00:00:10Z"));
		assertThat(trigger.next(instant("2026-01-01T00:00:10Z"), BERLIN)).isEqualTo(instant("2026-01-01T00:00:17Z"));
		assertThat(trigger.next(instant("2026-01-02T00:00:00Z"), BERLIN))
			.as("the 12,343rd period")
			.isEqualTo(instant("2026-01-02T00:00:04Z"));
	}

	@Test
	void everyStartsAtAnAnchorAfterTheInstant() {
		BeatTrigger trigger = BeatTrigger.every(Duration.ofHours(1), instant("2026-01-01T00:00:00.5Z"));
		assertThat(trigger.next(instant("2025-06-01T00:00:00Z"), ZoneOffset.UTC))
			.isEqualTo(instant("2026-01-01T00:00:00.5Z"));
		assertThat(trigger.next(instant("2026-01-01T00:00:00.499999999Z"), ZoneOffset.UTC))
			.isEqualTo(instant("2026-01-01T00:00:00.5Z"));
		assertThat(trigger.next(instant("2026-01-01T00:00:00.5Z"), ZoneOffset.UTC))
			.isEqualTo(instant("2026-01-01T01:00:00.5Z"));
	}

	@Test
	void everyDoesNotOverflow() {
		Instant anchor = instant("2026-01-01T00:00:00Z");
		BeatTrigger huge = BeatTrigger.every(Duration.ofSeconds(Long.MAX_VALUE), anchor);
		assertThat(huge.next(Instant.MIN, ZoneOffset.UTC)).isEqualTo(anchor);
		assertThat(huge.next(anchor, ZoneOffset.UTC)).isNull();
		BeatTrigger century = BeatTrigger.every(Duration.ofDays(36524), anchor);
		assertThat(century.next(anchor, ZoneOffset.UTC)).isEqualTo(instant("2126-01-01T00:00:00Z"));
		BeatTrigger fine = BeatTrigger.every(Duration.ofMillis(1), Instant.MIN);
		assertThat(fine.next(Instant.MAX.minusSeconds(1), ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()));
		assertThat(fine.next(Instant.MAX.minusNanos(999_999), ZoneOffset.UTC)).isNull();
	}

	@Test
	void everyNeedsAtLeastAMillisecond() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BeatTrigger.every(Duration.ofNanos(999_999), Instant.EPOCH))
			.withMessage("A period must be at least a millisecond");
		assertThat(BeatTrigger.every(Duration.ofMillis(1), Instant.EPOCH).next(Instant.EPOCH, ZoneOffset.UTC))
			.isEqualTo(Instant.ofEpochMilli(1));
	}

	@Test
	void ticksAreStrictlyIncreasingWhateverTheStart() {
		BeatTrigger trigger = BeatTrigger.cron("*/20 * * * * *");
		Instant after = LocalDateTime.parse("2026-10-25T01:58:00").atZone(BERLIN).toInstant();
		for (int i = 0; i < 3 * 3600; i++) {
			Instant tick = trigger.next(after, BERLIN);
			assertThat(tick).isAfter(after);
			after = tick;
		}
	}

	static Instant instant(String text) {
		return Instant.parse(text);
	}

	/** The ticks after an instant up to another, included. */
	static List<Instant> ticks(BeatTrigger trigger, ZoneId zone, Instant after, Instant until) {
		List<Instant> ticks = new ArrayList<>();
		Instant tick = trigger.next(after, zone);
		while (tick != null && !tick.isAfter(until)) {
			ticks.add(tick);
			tick = trigger.next(tick, zone);
		}
		return ticks;
	}

}
