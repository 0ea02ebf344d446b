package io.taskq.sample.reports;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;

/**
 * The {@code reports.generate_pdf} task.
 */
@Component
public class ReportTasks {

	private final ReportGenerator generator;

	public ReportTasks(ReportGenerator generator) {
		this.generator = generator;
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

}
