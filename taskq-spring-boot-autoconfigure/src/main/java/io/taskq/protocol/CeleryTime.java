package io.taskq.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as Celery writes them: Python's {@code datetime.isoformat()} of an aware UTC datetime
 * ({@code 2026-11-24T13:15:29.687205+00:00}, microseconds left out when zero). Parsing accepts any ISO-8601
 * date-time; one without an offset is UTC, as Celery's worker reads it.
 */
public final class CeleryTime {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private CeleryTime() {
	}

	/**
	 * Format an instant the way Celery does.
	 * @param instant the instant
	 * @return the ISO-8601 text with a {@code +00:00} offset
	 */
	public static String format(Instant instant) {
		return format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Format a date-time the way Celery does, in its own offset.
	 * @param dateTime the date-time
	 * @return the ISO-8601 text
	 */
	public static String format(OffsetDateTime dateTime) {
		StringBuilder text = new StringBuilder(32).append(SECONDS.format(dateTime));
		int micros = dateTime.getNano() / 1000;
		if (micros != 0) {
			String digits = Integer.toString(micros);
			text.append('.').append("000000", digits.length(), 6).append(digits);
		}
		String offset = dateTime.getOffset().getId();
		return text.append("Z".equals(offset) ? "+00:00" : offset).toString();
	}

	/**
	 * Parse an ISO-8601 date-time; one without an offset is taken as UTC.
	 * @param text the text
	 * @return the date-time
	 * @throws DateTimeParseException if the text is not an ISO-8601 date-time
	 */
	public static OffsetDateTime parse(String text) {
		String trimmed = text.trim();
		try {
			return OffsetDateTime.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			return LocalDateTime.parse(trimmed).atOffset(ZoneOffset.UTC);
		}
	}

}
