package io.taskq.sample.reports;

import java.util.List;

/**
 * The source data of a report.
 *
 * @param id the report id
 * @param title the title
 * @param rows the lines of the report's body
 * @param revision how many times the data was saved; each save increments it
 */
public record Report(String id, String title, List<String> rows, long revision) {
}
