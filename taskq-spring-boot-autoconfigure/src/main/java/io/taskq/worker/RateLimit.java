package io.taskq.worker;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * A task's rate limit in Celery's syntax: {@code "<n>/s"}, {@code "<n>/m"}, {@code "<n>/h"}, or a bare number
 * meaning per second. As in Celery, runs are spaced evenly (no bursts): {@code "100/m"} lets one run start
 * every 600 ms.
 *
 * @param tasks how many runs may start per period
 * @param period the period
 */
public record RateLimit(double tasks, Duration period) {

	private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:/\\s*([smh]))?\\s*");

	/**
	 * Create a rate limit.
	 * @param tasks how many runs may start per period, more than zero
	 * @param period the period, more than zero
	 */
	public RateLimit {
		Assert.isTrue(tasks > 0, "'tasks' must be more than zero");
		Assert.isTrue(!period.isNegative() && !period.isZero(), "'period' must be more than zero");
	}

	/**
	 * Parse Celery's rate limit syntax.
	 * @param text for example {@code "10/s"}, {@code "100/m"}, {@code "1000/h"} or {@code "5"} (per second)
	 * @return the rate limit
	 * @throws IllegalArgumentException if the text is not a rate limit, or allows no runs at all
	 */
	public static RateLimit parse(String text) {
		Matcher matcher = SYNTAX.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Invalid rate limit '" + text
					+ "': expected <number>/s, <number>/m, <number>/h or a number (per second), as in Celery");
		}
		double tasks = Double.parseDouble(matcher.group(1));
		if (tasks <= 0) {
			throw new IllegalArgumentException("Invalid rate limit '" + text
					+ "': the number must be more than zero (leave the rate limit empty for none)");
		}
		String unit = matcher.group(2);
		Duration period = switch ((unit != null) ? unit : "s") {
			case "m" -> Duration.ofMinutes(1);
			case "h" -> Duration.ofHours(1);
			default -> Duration.ofSeconds(1);
		};
		return new RateLimit(tasks, period);
	}

	/**
	 * Time between two runs: the period divided by the number of runs, at least one microsecond.
	 * @return the interval, in microseconds
	 */
	public long intervalMicros() {
		return Math.max(1, Math.round(this.period.toNanos() / 1000.0 / this.tasks));
	}

	@Override
	public String toString() {
		String unit = this.period.equals(Duration.ofHours(1)) ? "h" : this.period.equals(Duration.ofMinutes(1)) ? "m"
				: this.period.equals(Duration.ofSeconds(1)) ? "s" : this.period.toString();
		String count = (this.tasks == Math.rint(this.tasks)) ? Long.toString((long) this.tasks)
				: Double.toString(this.tasks);
		return count + "/" + unit;
	}

}
