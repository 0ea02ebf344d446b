package io.taskq.autoconfigure;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.taskq.autoconfigure.TaskqProperties.BeatScheduleProperties;
import io.taskq.beat.BeatSchedule;

/**
 * Maps the {@code taskq.beat.schedules.*} properties onto {@link BeatSchedule}s. An invalid definition fails with a
 * message naming the schedule and the key.
 */
final class ConfiguredSchedules {

	private static final String PREFIX = "taskq.beat.schedules.";

	private ConfiguredSchedules() {
	}

	/**
	 * The declared schedules of the properties.
	 * @param schedules the properties, by schedule name
	 * @return the schedules
	 * @throws IllegalStateException if a definition is invalid
	 */
	static List<BeatSchedule> of(Map<String, BeatScheduleProperties> schedules) {
		List<BeatSchedule> mapped = new ArrayList<>();
		schedules.forEach((name, properties) -> mapped.add(schedule(name, properties)));
		return mapped;
	}

	private static BeatSchedule schedule(String name, BeatScheduleProperties properties) {
		String key = PREFIX + name;
		check(StringUtils.hasText(properties.getTask()), key + ".task", "a task name is required");
		boolean cron = StringUtils.hasText(properties.getCron());
		check(cron != (properties.getEvery() != null), key,
				"exactly one of " + key + ".cron and " + key + ".every is required");
		BeatSchedule.Builder builder = BeatSchedule.builder(name, properties.getTask());
		if (cron) {
			try {
				builder.cron(properties.getCron());
			}
			catch (IllegalArgumentException ex) {
				throw invalid(key + ".cron", ex.getMessage());
			}
		}
		else {
			check(properties.getEvery().toMillis() >= 1, key + ".every", "must be at least a millisecond");
			builder.every(properties.getEvery());
		}
		if (StringUtils.hasText(properties.getZone())) {
			try {
				builder.zone(ZoneId.of(properties.getZone()));
			}
			catch (DateTimeException ex) {
				throw invalid(key + ".zone", "'" + properties.getZone() + "' is not a zone id");
			}
		}
		check(!properties.getCatchUpWindow().isNegative(), key + ".catch-up-window", "must not be negative");
		check(properties.getJitter() == null || !properties.getJitter().isNegative(), key + ".jitter",
				"must not be negative");
		Instant start = instant(properties.getStart(), key + ".start");
		Instant end = instant(properties.getEnd(), key + ".end");
		check(start == null || end == null || !end.isBefore(start), key + ".end", "it is before " + key + ".start");
		builder.args(properties.getArgs())
			.kwargs(properties.getKwargs())
			.queue(StringUtils.hasText(properties.getQueue()) ? properties.getQueue() : null)
			.missedTicks(properties.getMissedTicks())
			.catchUpWindow(properties.getCatchUpWindow())
			.overlap(properties.getOverlap())
			.start(start)
			.end(end)
			.paused(properties.isPaused())
			.declared(true);
		if (properties.getJitter() != null) {
			builder.jitter(properties.getJitter());
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid " + key + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Instant instant(@Nullable String text, String key) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			throw invalid(key, "'" + text + "' is not an ISO-8601 date-time with an offset, such as "
					+ "2026-01-01T00:00:00Z");
		}
	}

	private static void check(boolean valid, String key, String problem) {
		if (!valid) {
			throw invalid(key, problem);
		}
	}

	private static IllegalStateException invalid(String key, String problem) {
		return new IllegalStateException("Invalid " + key + ": " + problem);
	}

}
