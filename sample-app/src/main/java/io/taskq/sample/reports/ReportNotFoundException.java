package io.taskq.sample.reports;

/**
 * A report does not exist.
 */
public class ReportNotFoundException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param reportId the missing report
	 */
	public ReportNotFoundException(String reportId) {
		super("report " + reportId + " does not exist");
	}

}
