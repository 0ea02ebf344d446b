package io.taskq.store.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.taskq.store.LeaseStore;

/**
 * A {@link LeaseStore} in memory, for unit tests: leases lapse by the given clock; counts renewals; its releases
 * can be made to fail.
 */
public class InMemoryLeaseStore implements LeaseStore {

	private final Clock clock;

	private final Map<String, Lease> leases = new HashMap<>();

	private final Map<String, Integer> renewals = new HashMap<>();

	private boolean releasesFail;

	/**
	 * Create a store.
	 * @param clock tells when leases lapse
	 */
	public InMemoryLeaseStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized @Nullable String acquire(String name, String holder, Duration ttl) {
		String current = holder(name);
		if (current != null) {
			return current;
		}
		this.leases.put(name, new Lease(holder, this.clock.instant().plus(ttl)));
		return null;
	}

	@Override
	public synchronized boolean renew(String name, String holder, Duration ttl) {
		if (!holder.equals(holder(name))) {
			return false;
		}
		this.leases.put(name, new Lease(holder, this.clock.instant().plus(ttl)));
		this.renewals.merge(name, 1, Integer::sum);
		return true;
	}

	@Override
	public synchronized void release(String name, String holder) {
		if (this.releasesFail) {
			throw new IllegalStateException("Lease store is down");
		}
		if (holder.equals(holder(name))) {
			this.leases.remove(name);
		}
	}

	/**
	 * Make every later release fail.
	 */
	public synchronized void failReleases() {
		this.releasesFail = true;
	}

	/**
	 * The holder of a lease.
	 * @param name the lease's name
	 * @return its holder's token, or {@code null} if nobody holds it (or it lapsed)
	 */
	public synchronized @Nullable String holder(String name) {
		Lease lease = this.leases.get(name);
		return (lease != null && lease.until().isAfter(this.clock.instant())) ? lease.holder() : null;
	}

	/**
	 * How many times a lease was renewed.
	 * @param name the lease's name
	 * @return the renewals
	 */
	public synchronized int renewals(String name) {
		return this.renewals.getOrDefault(name, 0);
	}

	private record Lease(String holder, Instant until) {
	}

}
