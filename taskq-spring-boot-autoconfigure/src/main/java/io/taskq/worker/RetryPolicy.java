package io.taskq.worker;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * When and how a failed task is retried (Celery's {@code autoretry_for}, {@code max_retries},
 * {@code default_retry_delay}, {@code retry_backoff}, {@code retry_backoff_max} and {@code retry_jitter}).
 *
 * @param retryOn exception types that make the task retry automatically (subclasses included); empty for none
 * @param maxRetries how many retries at most; the attempt after the last retry that fails is final
 * @param delay countdown of a retry when no backoff is set
 * @param backoff first countdown of an exponential backoff (doubling each retry), or {@code null} for none
 * @param backoffMax the largest backoff countdown
 * @param jitter whether a backoff countdown is drawn at random between zero and its value (full jitter)
 */
public record RetryPolicy(List<Class<? extends Throwable>> retryOn, int maxRetries, Duration delay,
		@Nullable Duration backoff, Duration backoffMax, boolean jitter) {

	/** Celery's defaults: no automatic retry, at most 3 retries, 180 s apart. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(List.of(), 3, Duration.ofSeconds(180), null,
			Duration.ofMinutes(10), true);

	public RetryPolicy {
		retryOn = List.copyOf(retryOn);
	}

	/**
	 * Whether an exception makes the task retry automatically.
	 * @param exception what the handler threw
	 * @return whether it is one of {@link #retryOn()}
	 */
	public boolean retriesOn(Throwable exception) {
		return this.retryOn.stream().anyMatch((type) -> type.isInstance(exception));
	}

	/**
	 * Countdown before the next attempt.
	 * @param retries retries done so far
	 * @param random source of jitter
	 * @return the countdown
	 */
	public Duration countdown(int retries, RandomGenerator random) {
		if (this.backoff == null) {
			return this.delay;
		}
		long millis = this.backoff.toMillis() << Math.min(retries, 30);
		if (millis <= 0 || millis > this.backoffMax.toMillis()) {
			millis = this.backoffMax.toMillis();
		}
		return Duration.ofMillis(this.jitter ? random.nextLong(millis + 1) : millis);
	}

}
