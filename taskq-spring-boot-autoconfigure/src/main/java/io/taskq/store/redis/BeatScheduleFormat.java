package io.taskq.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.beat.BeatRun;
import io.taskq.beat.BeatSchedule;
import io.taskq.beat.BeatTrigger;
import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;

/**
 * Schedules and history runs as JSON objects, as {@link RedisBeatStore} keeps them: instants and durations as ISO-8601
 * text, arguments as JSON values. Never Java serialization.
 */
final class BeatScheduleFormat {

	private static final TypeReference<List<@Nullable Object>> ARGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, @Nullable Object>> KWARGS = new TypeReference<>() {
	};

	private final ObjectMapper objectMapper;

	BeatScheduleFormat(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Write a schedule.
	 * @param schedule the schedule
	 * @return its JSON object
	 * @throws IllegalArgumentException if its arguments cannot be written as JSON
	 */
	ObjectNode write(BeatSchedule schedule) {
		ObjectNode node = this.objectMapper.createObjectNode();
		node.put("name", schedule.name());
		node.put("task", schedule.task());
		if (schedule.trigger() instanceof BeatTrigger.Cron cron) {
			node.put("cron", cron.expression());
		}
		else if (schedule.trigger() instanceof BeatTrigger.Every every) {
			node.put("every", every.period().toString());
			node.put("anchor", every.anchor().toString());
		}
		node.put("zone", schedule.zone().getId());
		try {
			node.set("args", this.objectMapper.valueToTree(schedule.args()));
			node.set("kwargs", this.objectMapper.valueToTree(schedule.kwargs()));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Arguments of schedule '" + schedule.name()
					+ "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		node.put("queue", schedule.queue());
		node.put("missedTicks", schedule.missedTicks().name());
		node.put("catchUpWindow", schedule.catchUpWindow().toString());
		node.put("overlap", schedule.overlap().name());
		node.put("jitter", schedule.jitter().toString());
		node.put("start", text(schedule.start()));
		node.put("end", text(schedule.end()));
		node.put("paused", schedule.paused());
		node.put("declared", schedule.declared());
		return node;
	}

	/**
	 * Read a schedule back.
	 * @param json its JSON object as text
	 * @return the schedule
	 * @throws IllegalArgumentException if the text is not a schedule
	 */
	BeatSchedule read(String json) {
		try {
			JsonNode node = this.objectMapper.readTree(json);
			BeatSchedule.Builder builder = BeatSchedule.builder(node.path("name").asString(),
					node.path("task").asString());
			if (node.hasNonNull("cron")) {
				builder.cron(node.get("cron").asString());
			}
			else {
				builder.trigger(BeatTrigger.every(Duration.parse(node.path("every").asString()),
						Instant.parse(node.path("anchor").asString())));
			}
			return builder.zone(ZoneId.of(node.path("zone").asString()))
				.args(this.objectMapper.treeToValue(node.path("args"), ARGS))
				.kwargs(this.objectMapper.treeToValue(node.path("kwargs"), KWARGS))
				.queue(node.hasNonNull("queue") ? node.get("queue").asString() : null)
				.missedTicks(MissedTicks.valueOf(node.path("missedTicks").asString()))
				.catchUpWindow(Duration.parse(node.path("catchUpWindow").asString()))
				.overlap(Overlap.valueOf(node.path("overlap").asString()))
				.jitter(Duration.parse(node.path("jitter").asString()))
				.start(instant(node.get("start")))
				.end(instant(node.get("end")))
				.paused(node.path("paused").asBoolean())
				.declared(node.path("declared").asBoolean())
				.build();
		}
		catch (RuntimeException ex) {
			// Anything in the text may be wrong: the JSON, a missing field, an invalid value.
			throw new IllegalArgumentException("Not a schedule: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Write a history run.
	 * @param run the run
	 * @return its JSON object as text
	 */
	String write(BeatRun run) {
		ObjectNode node = this.objectMapper.createObjectNode();
		node.put("scheduledAt", run.scheduledAt().toEpochMilli());
		if (run.firedAt() != null) {
			node.put("firedAt", run.firedAt().toEpochMilli());
		}
		node.put("lateness", run.lateness().toMillis());
		node.put("taskId", run.taskId());
		node.put("outcome", run.outcome().name());
		return node.toString();
	}

	/**
	 * Read a history run back, without a task state.
	 * @param json its JSON object as text
	 * @return the run
	 */
	BeatRun readRun(String json) {
		JsonNode node = this.objectMapper.readTree(json);
		return new BeatRun(Instant.ofEpochMilli(node.path("scheduledAt").asLong()),
				node.hasNonNull("firedAt") ? Instant.ofEpochMilli(node.get("firedAt").asLong()) : null,
				Duration.ofMillis(node.path("lateness").asLong()),
				node.hasNonNull("taskId") ? node.get("taskId").asString() : null,
				BeatRun.Outcome.valueOf(node.path("outcome").asString()), null);
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static @Nullable Instant instant(@Nullable JsonNode node) {
		return (node != null && !node.isNull()) ? Instant.parse(node.asString()) : null;
	}

}
