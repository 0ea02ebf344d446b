package io.taskq.annotation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringUtils;

import io.taskq.beat.BeatSchedule;

/**
 * Reads {@link Periodic @Periodic} annotations into {@link BeatSchedule}s; an invalid one fails naming its method.
 */
final class PeriodicSchedules {

	private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> KWARGS = new TypeReference<>() {
	};

	private PeriodicSchedules() {
	}

	/**
	 * The schedule an annotation declares.
	 * @param periodic the annotation
	 * @param task the task of the method it is on
	 * @param jsonMapper reads its arguments
	 * @param method the method, for messages
	 * @return the schedule
	 * @throws IllegalStateException if the annotation is invalid
	 */
	static BeatSchedule of(Periodic periodic, String task, ObjectMapper jsonMapper, String method) {
		String name = StringUtils.hasText(periodic.name()) ? periodic.name() : task;
		try {
			boolean cron = StringUtils.hasText(periodic.cron());
			if (cron == StringUtils.hasText(periodic.every())) {
				throw new IllegalArgumentException("exactly one of cron and every is required");
			}
			BeatSchedule.Builder builder = BeatSchedule.builder(name, task);
			if (cron) {
				builder.cron(periodic.cron());
			}
			else {
				builder.every(DurationStyle.detectAndParse(periodic.every()));
			}
			if (StringUtils.hasText(periodic.zone())) {
				builder.zone(ZoneId.of(periodic.zone()));
			}
			if (StringUtils.hasText(periodic.args())) {
				builder.args(jsonMapper.readValue(periodic.args(), ARGS));
			}
			if (StringUtils.hasText(periodic.kwargs())) {
				builder.kwargs(jsonMapper.readValue(periodic.kwargs(), KWARGS));
			}
			if (StringUtils.hasText(periodic.jitter())) {
				builder.jitter(DurationStyle.detectAndParse(periodic.jitter()));
			}
			return builder.queue(StringUtils.hasText(periodic.queue()) ? periodic.queue() : null)
				.missedTicks(periodic.missedTicks())
				.catchUpWindow(DurationStyle.detectAndParse(periodic.catchUpWindow()))
				.overlap(periodic.overlap())
				.declared(true)
				.build();
		}
		catch (IllegalArgumentException | DateTimeException | JacksonException ex) {
			throw new IllegalStateException("@Periodic '" + name + "' on " + method + ": " + ex.getMessage(), ex);
		}
	}

}
