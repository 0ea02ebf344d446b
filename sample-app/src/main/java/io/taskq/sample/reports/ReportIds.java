package io.taskq.sample.reports;

import java.util.regex.Pattern;

/**
 * Report ids name files and Redis keys, so only letters, digits, {@code _} and {@code -} are allowed.
 */
final class ReportIds {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private ReportIds() {
	}

	static String check(String reportId) {
		if (!VALID.matcher(reportId).matches()) {
			throw new IllegalArgumentException(
					"Invalid report id '" + reportId + "': use 1 to 64 letters, digits, '_' or '-'");
		}
		return reportId;
	}

}
