package io.taskq.sample.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.taskq.sample.AtomicFiles;
import io.taskq.sample.SampleProperties;

/**
 * Writes report PDFs under {@code <data-dir>/reports}, safely when runs race, on one instance or across several.
 * <p>
 * A run holds the report's {@link RedisLock} while it reads the data, renders and replaces the file, so runs of
 * one report take turns and each reads the data as it is when its turn comes: the last run writes the latest
 * revision. The revision in the file on disk is checked before and again right before the replace: a run whose
 * data is not newer than the file leaves it alone, so even a run that outlived its lease never puts back an
 * older report.
 */
@Component
public class ReportGenerator {

	private final ReportStore store;

	private final RedisLock lock;

	private final Path directory;

	private final String lockPrefix;

	private final Duration lease;

	private final Duration wait;

	public ReportGenerator(ReportStore store, StringRedisTemplate redis, SampleProperties properties) {
		this.store = store;
		this.lock = new RedisLock(redis);
		this.directory = properties.getDataDir().resolve("reports").toAbsolutePath();
		this.lockPrefix = properties.getRedisPrefix() + "lock:report:";
		this.lease = properties.getReports().getLockLease();
		this.wait = properties.getReports().getLockWait();
	}

	/**
	 * The file of a report.
	 * @param reportId the report
	 * @return the path of its PDF
	 */
	public Path fileOf(String reportId) {
		return this.directory.resolve("report-" + ReportIds.check(reportId) + ".pdf");
	}

	/**
	 * Bring a report's PDF up to date with its data.
	 * @param reportId the report
	 * @return what was done
	 * @throws ReportNotFoundException if the report does not exist
	 * @throws InterruptedException if interrupted while waiting for the report's lock
	 */
	public ReportFile generate(String reportId) throws InterruptedException {
		Path target = fileOf(reportId);
		if (this.store.find(reportId).isEmpty()) {
			throw new ReportNotFoundException(reportId);
		}
		try (RedisLock.Lease held = this.lock.acquire(this.lockPrefix + reportId, this.lease, this.wait)) {
			Report report = this.store.find(reportId).orElseThrow(() -> new ReportNotFoundException(reportId));
			long onDisk = ReportPdf.revisionOf(target);
			if (onDisk >= report.revision()) {
				return new ReportFile(reportId, onDisk, target.toString(), false);
			}
			Path temporary = AtomicFiles.writeTemporary(target, (out) -> out.write(ReportPdf.render(report)));
			onDisk = ReportPdf.revisionOf(target);
			if (onDisk >= report.revision()) {
				delete(temporary);
				return new ReportFile(reportId, onDisk, target.toString(), false);
			}
			if (!held.isHeld()) {
				delete(temporary);
				throw new IllegalStateException("The lock of report " + reportId + " expired after " + this.lease
						+ " before its file was written; nothing was written");
			}
			AtomicFiles.replace(temporary, target);
			return new ReportFile(reportId, report.revision(), target.toString(), true);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + file, ex);
		}
	}

}
