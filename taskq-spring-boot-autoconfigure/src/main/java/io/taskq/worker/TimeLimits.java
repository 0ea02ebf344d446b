package io.taskq.worker;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A task's time limits (Celery's {@code time_limit} and {@code soft_time_limit}).
 *
 * @param hard after this the task is abandoned: FAILURE with {@code TimeLimitExceeded}, and its worker slot is
 * freed; {@code null} for none
 * @param soft after this the task's thread is interrupted and {@link TaskContext#isSoftTimeLimitExceeded()}
 * turns true, so it can clean up; {@code null} for none
 */
public record TimeLimits(@Nullable Duration hard, @Nullable Duration soft) {

	/** No time limits. */
	public static final TimeLimits NONE = new TimeLimits(null, null);

	/**
	 * Whether any limit is set.
	 * @return whether there is a hard or a soft limit
	 */
	public boolean any() {
		return this.hard != null || this.soft != null;
	}

	/**
	 * The limits of one call: those sent in the message's {@code timelimit} header win over these defaults.
	 * @param hardSeconds the message's hard limit in seconds, or {@code null}
	 * @param softSeconds the message's soft limit in seconds, or {@code null}
	 * @return the effective limits
	 */
	public TimeLimits withMessageLimits(@Nullable Double hardSeconds, @Nullable Double softSeconds) {
		return new TimeLimits((hardSeconds != null) ? seconds(hardSeconds) : this.hard,
				(softSeconds != null) ? seconds(softSeconds) : this.soft);
	}

	private static Duration seconds(double seconds) {
		return Duration.ofNanos((long) (seconds * 1e9));
	}

}
