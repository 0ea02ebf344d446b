package io.taskq.sample.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.taskq.sample.AtomicFiles;
import io.taskq.sample.SampleProperties;

/**
 * Writes the data of every report to a dated file, {@code <data-dir>/backups/reports-<yyyy-MM-dd>.json}: the
 * date and the reports sorted by id, as indented JSON. The file of a date is replaced atomically, and only when
 * its content changes, so a backup run any number of times for one date, on any number of instances at once,
 * leaves one file, with the same content while the data stays the same.
 */
@Component
public class ReportBackup {

	private final ReportStore store;

	private final Path directory;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	public ReportBackup(ReportStore store, SampleProperties properties) {
		this.store = store;
		this.directory = properties.getDataDir().resolve("backups").toAbsolutePath();
	}

	/**
	 * The backup file of a date.
	 * @param date the date
	 * @return its path
	 */
	public Path fileOf(LocalDate date) {
		return this.directory.resolve("reports-" + date + ".json");
	}

	/**
	 * Back up every report under a date.
	 * @param date the date
	 * @return the file, and whether this run wrote it
	 */
	public BackupFile write(LocalDate date) {
		List<Report> reports = new ArrayList<>();
		for (String reportId : this.store.ids()) {
			this.store.find(reportId).ifPresent(reports::add);
		}
		Path target = fileOf(date);
		byte[] content = content(date, reports);
		boolean written = !Arrays.equals(content, read(target));
		if (written) {
			AtomicFiles.write(target, (out) -> out.write(content));
		}
		return new BackupFile(date.toString(), target.toString(), reports.size(), written);
	}

	byte[] content(LocalDate date, List<Report> reports) {
		Map<String, Object> backup = new LinkedHashMap<>();
		backup.put("date", date.toString());
		backup.put("reports", reports);
		return this.json.writeValueAsBytes(backup);
	}

	/**
	 * The date a backup is for: the one given, else the date of the periodic tick that sent the task, else today,
	 * in the given zone.
	 * @param date the date as {@code yyyy-MM-dd}, or {@code null}
	 * @param tick the task's tick as an ISO-8601 instant, or {@code null} if it was not sent by a schedule
	 * @param zone the zone of the dates
	 * @param clock tells today's date when there is neither
	 * @return the date
	 * @throws IllegalArgumentException if the date or the tick is not valid
	 */
	static LocalDate dateOf(@Nullable String date, @Nullable Object tick, ZoneId zone, Clock clock) {
		if (date != null) {
			try {
				return LocalDate.parse(date);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("Invalid backup date '" + date + "': use yyyy-MM-dd", ex);
			}
		}
		if (tick != null) {
			try {
				return Instant.parse(tick.toString()).atZone(zone).toLocalDate();
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("Invalid tick '" + tick + "': expected an ISO-8601 instant", ex);
			}
		}
		return LocalDate.now(clock.withZone(zone));
	}

	private static byte @Nullable [] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	/**
	 * A backup file.
	 *
	 * @param date the date it is for
	 * @param path its path
	 * @param reports how many reports it holds
	 * @param written whether this run wrote it; false when it held the same content already
	 */
	public record BackupFile(String date, String path, int reports, boolean written) {
	}

}
