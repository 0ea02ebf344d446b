package io.taskq.sample.reports;

/**
 * The outcome of a report generation.
 *
 * @param reportId the report
 * @param revision the revision of the report's file after this run
 * @param path the report's file
 * @param written whether this run wrote the file; false when it was up to date already
 */
public record ReportFile(String reportId, long revision, String path, boolean written) {
}
