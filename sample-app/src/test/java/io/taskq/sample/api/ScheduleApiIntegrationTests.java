package io.taskq.sample.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedules API over HTTP: the schedules the sample declares, and a schedule added, fired, paused, resumed,
 * triggered and removed at runtime.
 */
@SampleIntegrationTest
class ScheduleApiIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	final SampleApi api = new SampleApi();

	@Test
	void listsTheSchedulesDeclaredInApplicationYmlAndInCode() {
		ResponseEntity<JsonNode> list = this.api.get("/api/schedules");
		assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode cleanup = byName(list.getBody(), "files-cleanup");
		assertThat(cleanup.get("task").asString()).isEqualTo("files.cleanup");
		assertThat(cleanup.get("cron").asString()).isEqualTo("0 15 3 * * *");
		assertThat(cleanup.get("zone").asString()).isEqualTo("Europe/Berlin");
		assertThat(cleanup.get("declared").asBoolean()).isTrue();
		assertThat(cleanup.has("history")).isFalse();
		assertThat(byName(list.getBody(), "reports-backup").get("task").asString()).isEqualTo("reports.backup");
		JsonNode reindex = byName(list.getBody(), "reports.reindex");
		assertThat(reindex.get("every").asString()).isEqualTo("PT10M");
		assertThat(reindex.has("cron")).isFalse();

		JsonNode backup = this.api.get("/api/schedules/reports-backup").getBody();
		Instant nextDue = Instant.parse(backup.get("nextDue").asString());
		assertThat(nextDue).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));
		assertThat(backup.get("history")).isEmpty();
	}

	@Test
	void aScheduleAddedAtRuntimeFiresAndIsPausedResumedTriggeredAndRemoved() {
		String name = "api-test-" + UUID.randomUUID().toString().substring(0, 8);
		ResponseEntity<JsonNode> saved = this.api.put("/api/schedules/" + name,
				"{\"task\": \"tasks.add\", \"every\": \"1s\", \"args\": [2, 3], \"overlap\": \"skip\"}");
		assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(saved.getBody().get("every").asString()).isEqualTo("PT1S");
		assertThat(saved.getBody().get("overlap").asString()).isEqualTo("skip");
		assertThat(saved.getBody().get("declared").asBoolean()).isFalse();
		assertThat(saved.getBody().get("paused").asBoolean()).isFalse();

		JsonNode fired = await().atMost(TIMEOUT).until(() -> this.api.get("/api/schedules/" + name).getBody(),
				(schedule) -> runs(schedule, "FIRED").stream().anyMatch((run) -> "SUCCESS".equals(text(run, "taskState"))));
		JsonNode run = runs(fired, "FIRED").get(0);
		assertThat(this.api.get("/api/tasks/" + run.get("taskId").asString()).getBody().get("result").asLong())
			.isEqualTo(5);
		assertThat(run.get("latenessMillis").asLong()).isNotNegative();
		assertThat(Instant.parse(run.get("scheduledAt").asString()).toEpochMilli() % 1000).isZero();
		assertThat(fired.get("lastTick")).isNotNull();

		JsonNode paused = this.api.post("/api/schedules/" + name + "/pause", "").getBody();
		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(paused.has("nextDue")).isFalse();
		int firedWhilePaused = runs(paused, "FIRED").size();
		await().during(Duration.ofMillis(2500))
			.atMost(TIMEOUT)
			.until(() -> runs(this.api.get("/api/schedules/" + name).getBody(), "FIRED").size() == firedWhilePaused);

		JsonNode resumed = this.api.post("/api/schedules/" + name + "/resume", "").getBody();
		assertThat(resumed.get("paused").asBoolean()).isFalse();
		assertThat(resumed.get("nextDue")).isNotNull();
		await().atMost(TIMEOUT)
			.until(() -> runs(this.api.get("/api/schedules/" + name).getBody(), "FIRED").size() > firedWhilePaused);

		ResponseEntity<JsonNode> triggered = this.api.post("/api/schedules/" + name + "/trigger", "");
		assertThat(triggered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String taskId = triggered.getBody().get("id").asString();
		assertThat(triggered.getHeaders().getLocation()).hasPath("/api/tasks/" + taskId);
		await().atMost(TIMEOUT).until(() -> this.api.state(taskId).equals("SUCCESS"));
		assertThat(runs(this.api.get("/api/schedules/" + name).getBody(), "TRIGGERED"))
			.anySatisfy((trigger) -> assertThat(trigger.get("taskId").asString()).isEqualTo(taskId));

		assertThat(this.api.delete("/api/schedules/" + name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.api.get("/api/schedules/" + name).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(byNameOrNull(this.api.get("/api/schedules").getBody(), name)).isNull();
	}

	@Test
	void putReplacesTheDefinition() {
		String name = "api-replace-" + UUID.randomUUID().toString().substring(0, 8);
		this.api.put("/api/schedules/" + name, "{\"task\": \"tasks.add\", \"every\": \"1h\", \"args\": [1, 1]}");
		JsonNode replaced = this.api.put("/api/schedules/" + name,
				"{\"task\": \"tasks.sleep\", \"cron\": \"0 0 12 * * MON-FRI\", \"zone\": \"America/New_York\", "
						+ "\"args\": [10], \"missedTicks\": \"skip\", \"paused\": true}")
			.getBody();
		assertThat(replaced.get("task").asString()).isEqualTo("tasks.sleep");
		assertThat(replaced.get("cron").asString()).isEqualTo("0 0 12 * * MON-FRI");
		assertThat(replaced.has("every")).isFalse();
		assertThat(replaced.get("zone").asString()).isEqualTo("America/New_York");
		assertThat(replaced.get("args").toString()).isEqualTo("[10]");
		assertThat(replaced.get("missedTicks").asString()).isEqualTo("skip");
		assertThat(replaced.get("paused").asBoolean()).isTrue();
		assertThat(this.api.delete("/api/schedules/" + name).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void invalidDefinitionsAre400AndUnknownNames404() {
		assertProblem(this.api.put("/api/schedules/bad", "{\"task\": \"tasks.add\"}"), HttpStatus.BAD_REQUEST,
				"Exactly one of 'cron' and 'every' is required");
		assertProblem(this.api.put("/api/schedules/bad", "{\"task\": \"tasks.add\", \"every\": \"-1s\"}"),
				HttpStatus.BAD_REQUEST, "'every' must be at least a millisecond");
		assertProblem(this.api.put("/api/schedules/bad", "{\"task\": \"tasks.add\", \"every\": \"1s\", \"jitter\": \"-1s\"}"),
				HttpStatus.BAD_REQUEST, "'jitter' must not be negative");
		assertThat(this.api.put("/api/schedules/bad", "{\"task\": \"tasks.add\", \"cron\": \"0 0 25 * * *\"}")
			.getBody()
			.get("detail")
			.asString()).startsWith("'cron': ");
		assertThat(this.api.put("/api/schedules/bad", "{\"task\": ").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertProblem(this.api.put("/api/schedules/bad name", "{\"task\": \"t\", \"every\": \"1s\"}"),
				HttpStatus.BAD_REQUEST, "Invalid schedule name 'bad name': use up to 200 letters, digits and '_', '.', "
						+ "':' or '-', starting with a letter, digit or '_'");
		assertThat(this.api.get("/api/schedules/bad").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		for (String action : List.of("pause", "resume", "trigger")) {
			assertProblem(this.api.post("/api/schedules/nope/" + action, ""), HttpStatus.NOT_FOUND,
					"No schedule named 'nope'");
		}
		assertProblem(this.api.get("/api/schedules/nope"), HttpStatus.NOT_FOUND, "No schedule named 'nope'");
		assertProblem(this.api.delete("/api/schedules/nope"), HttpStatus.NOT_FOUND, "No schedule named 'nope'");
	}

	private static List<JsonNode> runs(JsonNode schedule, String outcome) {
		return schedule.get("history").valueStream().filter((run) -> run.get("outcome").asString().equals(outcome)).toList();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null) ? value.asString() : null;
	}

	private static JsonNode byName(JsonNode schedules, String name) {
		JsonNode schedule = byNameOrNull(schedules, name);
		assertThat(schedule).as("schedule %s in %s", name, schedules).isNotNull();
		return schedule;
	}

	private static JsonNode byNameOrNull(JsonNode schedules, String name) {
		return schedules.valueStream().filter((schedule) -> schedule.get("name").asString().equals(name)).findFirst()
			.orElse(null);
	}

	private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(status);
		assertThat(response.getBody().get("detail").asString()).isEqualTo(detail);
	}

}
