package io.taskq.sample.reports;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.taskq.annotation.Periodic;
import io.taskq.annotation.TaskHandler;
import io.taskq.beat.BeatScheduler;
import io.taskq.core.TaskContext;
import io.taskq.sample.SampleProperties;

/**
 * The report tasks: {@code reports.generate_pdf}, {@code reports.index}, {@code reports.reindex} (every ten
 * minutes) and {@code reports.backup}.
 */
@Component
public class ReportTasks {

	private final ReportGenerator generator;

	private final ReportIndex index;

	private final ReportBackup backup;

	private final ZoneId zone;

	public ReportTasks(ReportGenerator generator, ReportIndex index, ReportBackup backup,
			SampleProperties properties) {
		this.generator = generator;
		this.index = index;
		this.backup = backup;
		this.zone = properties.getZone();
	}

	/**
	 * Bring a report's PDF up to date with its data; safe to run several times at once.
	 * @param reportId the report
	 * @return the report's file and revision, and whether this run wrote it
	 * @throws ReportNotFoundException if the report does not exist
	 * @throws InterruptedException if the worker stops while waiting for the report's lock
	 */
	@TaskHandler("reports.generate_pdf")
	public ReportFile generatePdf(String reportId) throws InterruptedException {
		return this.generator.generate(reportId);
	}

	/**
	 * Index a report's current data for search; sent whenever a report is saved.
	 * @param reportId the report
	 * @return what was indexed
	 * @throws ReportNotFoundException if the report does not exist
	 */
	@TaskHandler("reports.index")
	public ReportIndex.IndexedReport index(String reportId) {
		return this.index.index(reportId);
	}

	/**
	 * Index every report again, which also refreshes the expiry of the index.
	 * @return how many reports were indexed
	 */
	@TaskHandler("reports.reindex")
	@Periodic(every = "10m")
	public int reindex() {
		return this.index.reindex();
	}

	/**
	 * Back up every report's data to the file of a date.
	 * @param date the date ({@code yyyy-MM-dd}); by default the date of the schedule's tick that sent the task
	 * (in {@code sample.zone}), or today if it was not sent by a schedule
	 * @return the backup file
	 */
	@TaskHandler("reports.backup")
	public ReportBackup.BackupFile backup(Optional<String> date) {
		TaskContext context = TaskContext.current();
		Object tick = (context != null) ? context.getHeaders().get(BeatScheduler.TICK_HEADER) : null;
		return this.backup.write(ReportBackup.dateOf(date.orElse(null), tick, this.zone, Clock.systemUTC()));
	}

}
