package io.taskq.sample.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;

import io.taskq.beat.BeatSchedule;
import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;

/**
 * The body of {@code PUT /api/schedules/{name}}: a schedule as JSON, with the fields of a
 * {@code taskq.beat.schedules.<name>} definition in application.yml: {@code task} and one of {@code cron} and
 * {@code every} required, then {@code zone}, {@code args}, {@code kwargs}, {@code queue}, {@code missedTicks}
 * ({@code skip}, {@code fire-once}, {@code catch-up}), {@code catchUpWindow}, {@code overlap} ({@code allow},
 * {@code skip}, {@code buffer-one}), {@code jitter}, {@code start}, {@code end} and {@code paused}. Durations are
 * written as in application.yml ({@code 10s}, {@code 5m}) or in ISO-8601 ({@code PT10S}); instants in ISO-8601
 * with an offset.
 */
public final class ScheduleRequest {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,199}");

	private static final Set<String> FIELDS = Set.of("task", "cron", "every", "zone", "args", "kwargs", "queue",
			"missedTicks", "catchUpWindow", "overlap", "jitter", "start", "end", "paused");

	private ScheduleRequest() {
	}

	/**
	 * Read a schedule from a request body.
	 * @param name the schedule's name
	 * @param body the body, or {@code null} if there was none
	 * @return the schedule, added at runtime (not declared)
	 * @throws InvalidRequestException if the body does not describe a valid schedule
	 */
	public static BeatSchedule from(String name, @Nullable JsonNode body) {
		checkName(name);
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("Request body must be a JSON object with 'task' and 'cron' or 'every'");
		}
		for (String field : body.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidRequestException("Unknown field '" + field + "'; expected one of " + FIELDS.stream()
					.sorted()
					.toList());
			}
		}
		String task = text(body, "task");
		if (task == null) {
			throw new InvalidRequestException("'task' is required");
		}
		String cron = text(body, "cron");
		Duration every = duration(body, "every");
		if ((cron == null) == (every == null)) {
			throw new InvalidRequestException("Exactly one of 'cron' and 'every' is required");
		}
		BeatSchedule.Builder builder = BeatSchedule.builder(name, task);
		if (cron != null) {
			try {
				builder.cron(cron);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("'cron': " + ex.getMessage());
			}
		}
		else {
			builder.every(every);
		}
		String zone = text(body, "zone");
		if (zone != null) {
			try {
				builder.zone(ZoneId.of(zone));
			}
			catch (DateTimeException ex) {
				throw new InvalidRequestException("'zone': '" + zone + "' is not a zone id, such as Europe/Berlin");
			}
		}
		builder.args(args(body))
			.kwargs(kwargs(body))
			.queue(text(body, "queue"))
			.start(instant(body, "start"))
			.end(instant(body, "end"))
			.paused(paused(body))
			.declared(false);
		String missedTicks = text(body, "missedTicks");
		if (missedTicks != null) {
			builder.missedTicks(constant(MissedTicks.class, "missedTicks", missedTicks));
		}
		String overlap = text(body, "overlap");
		if (overlap != null) {
			builder.overlap(constant(Overlap.class, "overlap", overlap));
		}
		Duration catchUpWindow = duration(body, "catchUpWindow");
		if (catchUpWindow != null) {
			builder.catchUpWindow(catchUpWindow);
		}
		Duration jitter = duration(body, "jitter");
		if (jitter != null) {
			builder.jitter(jitter);
		}
		return builder.build();
	}

	/**
	 * Check a schedule's name.
	 * @param name the name
	 * @return the name
	 * @throws InvalidRequestException if it is not a valid name
	 */
	public static String checkName(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new InvalidRequestException("Invalid schedule name '" + name
					+ "': use up to 200 letters, digits and '_', '.', ':' or '-', starting with a letter, digit or '_'");
		}
		return name;
	}

	/**
	 * A policy as written in JSON and in application.yml: the constant's name in lower case with {@code -}.
	 * @param constant the constant
	 * @return its name as written
	 */
	static String name(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String field, String value) {
		for (E constant : type.getEnumConstants()) {
			if (name(constant).equals(value.toLowerCase(Locale.ROOT).replace('_', '-'))) {
				return constant;
			}
		}
		List<String> names = new ArrayList<>();
		for (E constant : type.getEnumConstants()) {
			names.add(name(constant));
		}
		throw new InvalidRequestException("'" + field + "' must be one of " + names + ", was '" + value + "'");
	}

	private static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString() || node.asString().isBlank()) {
			throw new InvalidRequestException("'" + field + "' must be a non-empty string");
		}
		return node.asString();
	}

	private static boolean paused(JsonNode body) {
		JsonNode paused = body.get("paused");
		if (paused == null || paused.isNull()) {
			return false;
		}
		if (!paused.isBoolean()) {
			throw new InvalidRequestException("'paused' must be true or false, was " + paused);
		}
		return paused.asBoolean();
	}

	private static @Nullable Duration duration(JsonNode body, String field) {
		String text = text(body, field);
		if (text == null) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("'" + field + "' must be a duration such as 10s, 5m or PT1H, was '"
					+ text + "'");
		}
	}

	private static @Nullable Instant instant(JsonNode body, String field) {
		String text = text(body, field);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException("'" + field + "' must be an ISO-8601 date-time with an offset, such as "
					+ "2026-01-01T00:00:00Z, was '" + text + "'");
		}
	}

	private static List<JsonNode> args(JsonNode body) {
		JsonNode args = body.get("args");
		if (args == null || args.isNull()) {
			return List.of();
		}
		if (!args.isArray()) {
			throw new InvalidRequestException("'args' must be a JSON array, was " + args.getNodeType());
		}
		return args.valueStream().toList();
	}

	private static Map<String, JsonNode> kwargs(JsonNode body) {
		JsonNode kwargs = body.get("kwargs");
		Map<String, JsonNode> map = new LinkedHashMap<>();
		if (kwargs == null || kwargs.isNull()) {
			return map;
		}
		if (!kwargs.isObject()) {
			throw new InvalidRequestException("'kwargs' must be a JSON object, was " + kwargs.getNodeType());
		}
		kwargs.properties().forEach((entry) -> map.put(entry.getKey(), entry.getValue()));
		return map;
	}

}
