package io.taskq.store.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock in UTC that the test sets and moves, safe to read from other threads.
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/**
	 * Create a clock.
	 * @param now its first reading
	 */
	public MutableClock(Instant now) {
		this.now = now;
	}

	/**
	 * Set the clock.
	 * @param now its reading from now on
	 */
	public void set(Instant now) {
		this.now = now;
	}

	/**
	 * Move the clock.
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
