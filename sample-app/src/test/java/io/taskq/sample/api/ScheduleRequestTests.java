package io.taskq.sample.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatTrigger;
import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScheduleRequest}.
 */
class ScheduleRequestTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsEveryField() {
		BeatSchedule schedule = read("nightly", """
				{"task": "reports.backup", "cron": "0 45 1 * * *", "zone": "Europe/Berlin", "args": ["2026-05-01"],
				 "kwargs": {"full": true}, "queue": "backups", "missedTicks": "catch-up", "catchUpWindow": "6h",
				 "overlap": "buffer-one", "jitter": "PT30S", "start": "2026-01-01T00:00:00+01:00",
				 "end": "2027-01-01T00:00:00Z", "paused": true}""");
		assertThat(schedule.name()).isEqualTo("nightly");
		assertThat(schedule.task()).isEqualTo("reports.backup");
		assertThat(schedule.trigger()).isEqualTo(BeatTrigger.cron("0 45 1 * * *"));
		assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(this.json.valueToTree(schedule.args()).toString()).isEqualTo("[\"2026-05-01\"]");
		assertThat(this.json.valueToTree(schedule.kwargs()).toString()).isEqualTo("{\"full\":true}");
		assertThat(schedule.queue()).isEqualTo("backups");
		assertThat(schedule.missedTicks()).isEqualTo(MissedTicks.CATCH_UP);
		assertThat(schedule.catchUpWindow()).isEqualTo(Duration.ofHours(6));
		assertThat(schedule.overlap()).isEqualTo(Overlap.BUFFER_ONE);
		assertThat(schedule.jitter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(schedule.start()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
		assertThat(schedule.end()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(schedule.paused()).isTrue();
		assertThat(schedule.declared()).isFalse();
	}

	@Test
	void onlyTaskAndATriggerAreRequired() {
		BeatSchedule schedule = read("tick", "{\"task\": \"tasks.add\", \"every\": \"10s\"}");
		assertThat(schedule.trigger()).isEqualTo(BeatTrigger.every(Duration.ofSeconds(10), Instant.EPOCH));
		assertThat(schedule.zone()).isEqualTo(ZoneOffset.UTC);
		assertThat(schedule.args()).isEmpty();
		assertThat(schedule.kwargs()).isEmpty();
		assertThat(schedule.queue()).isNull();
		assertThat(schedule.missedTicks()).isEqualTo(MissedTicks.FIRE_ONCE);
		assertThat(schedule.overlap()).isEqualTo(Overlap.ALLOW);
		assertThat(schedule.paused()).isFalse();
	}

	@Test
	void policiesAreReadAsInApplicationYmlOrAsConstants() {
		assertThat(read("p", "{\"task\": \"t\", \"every\": \"1m\", \"missedTicks\": \"FIRE_ONCE\", \"overlap\": \"Skip\"}"))
			.satisfies((schedule) -> {
				assertThat(schedule.missedTicks()).isEqualTo(MissedTicks.FIRE_ONCE);
				assertThat(schedule.overlap()).isEqualTo(Overlap.SKIP);
			});
		assertThat(ScheduleRequest.name(Overlap.BUFFER_ONE)).isEqualTo("buffer-one");
	}

	@Test
	void invalidDefinitionsAreRejectedWithAClearMessage() {
		assertInvalid("{\"every\": \"1s\"}", "'task' is required");
		assertInvalid("{\"task\": \"t\"}", "Exactly one of 'cron' and 'every' is required");
		assertInvalid("{\"task\": \"t\", \"cron\": \"* * * * *\", \"every\": \"1s\"}",
				"Exactly one of 'cron' and 'every' is required");
		assertInvalid("{\"task\": \"t\", \"every\": \"often\"}",
				"'every' must be a duration such as 10s, 5m or PT1H, was 'often'");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"zone\": \"Mars/Olympus\"}",
				"'zone': 'Mars/Olympus' is not a zone id, such as Europe/Berlin");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"overlap\": \"queue\"}",
				"'overlap' must be one of [allow, skip, buffer-one], was 'queue'");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"start\": \"tomorrow\"}",
				"'start' must be an ISO-8601 date-time with an offset, such as 2026-01-01T00:00:00Z, was 'tomorrow'");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"args\": {}}", "'args' must be a JSON array, was OBJECT");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"kwargs\": []}", "'kwargs' must be a JSON object, was ARRAY");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"paused\": \"yes\"}", "'paused' must be true or false, was \"yes\"");
		assertInvalid("{\"task\": 5, \"every\": \"1s\"}", "'task' must be a non-empty string");
		assertInvalid("{\"task\": \"t\", \"every\": \"1s\", \"name\": \"x\"}",
				"Unknown field 'name'; expected one of [args, catchUpWindow, cron, end, every, jitter, kwargs, missedTicks, "
						+ "overlap, paused, queue, start, task, zone]");
		assertInvalid("[]", "Request body must be a JSON object with 'task' and 'cron' or 'every'");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ScheduleRequest.from("n", null))
			.withMessage("Request body must be a JSON object with 'task' and 'cron' or 'every'");
	}

	@Test
	void invalidCronNamesTheField() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> read("n", "{\"task\": \"t\", \"cron\": \"61 * * * *\"}"))
			.withMessageStartingWith("'cron': ")
			.withMessageContaining("61 * * * *");
	}

	@Test
	void rulesOfTheScheduleItselfApply() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> read("n", "{\"task\": \"t\", \"every\": \"1s\", \"jitter\": \"-1s\"}"))
			.withMessage("'jitter' must not be negative");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> read("n",
				"{\"task\": \"t\", \"every\": \"1s\", \"start\": \"2026-02-01T00:00:00Z\", \"end\": \"2026-01-01T00:00:00Z\"}"))
			.withMessage("Schedule 'n' ends before it starts");
	}

	@Test
	void namesAreChecked() {
		assertThat(ScheduleRequest.checkName("files-cleanup")).isEqualTo("files-cleanup");
		assertThat(ScheduleRequest.checkName("reports.reindex")).isEqualTo("reports.reindex");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> ScheduleRequest.checkName("a b"))
			.withMessage("Invalid schedule name 'a b': use up to 200 letters, digits and '_', '.', ':' or '-', "
					+ "starting with a letter, digit or '_'");
	}

	private BeatSchedule read(String name, String body) {
		return ScheduleRequest.from(name, this.json.readTree(body));
	}

	private void assertInvalid(String body, String message) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> read("n", body))
			.withMessage(message);
	}

}
