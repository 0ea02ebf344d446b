package io.taskq.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Leases: a name held by one holder at a time, across every process, until the holder releases it or stops
 * renewing it and it lapses. The one primitive behind exclusive execution and idempotency keys.
 */
public interface LeaseStore {

	/**
	 * Take a lease unless someone holds it.
	 * @param name the lease's name
	 * @param holder the taker's token
	 * @param ttl how long the lease lasts unless renewed
	 * @return {@code null} if the lease is now the taker's, else the token of its holder
	 */
	@Nullable String acquire(String name, String holder, Duration ttl);

	/**
	 * Extend a lease, if the holder still holds it.
	 * @param name the lease's name
	 * @param holder the holder's token
	 * @param ttl how long the lease lasts from now
	 * @return whether the holder still held it
	 */
	boolean renew(String name, String holder, Duration ttl);

	/**
	 * Give a lease up, if the holder still holds it.
	 * @param name the lease's name
	 * @param holder the holder's token
	 */
	void release(String name, String holder);

}
