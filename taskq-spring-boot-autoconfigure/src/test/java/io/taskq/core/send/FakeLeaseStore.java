package io.taskq.core.send;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.taskq.store.LeaseStore;

/**
 * A {@link LeaseStore} in memory whose leases never lapse, for unit tests; its releases can be made to fail.
 */
public class FakeLeaseStore implements LeaseStore {

	private final Map<String, String> holders = new ConcurrentHashMap<>();

	private volatile boolean releasesFail;

	/**
	 * Make every later release fail.
	 */
	public void failReleases() {
		this.releasesFail = true;
	}

	/**
	 * The holder of a lease.
	 * @param name the lease's name
	 * @return its holder, or {@code null} if free
	 */
	public @Nullable String holder(String name) {
		return this.holders.get(name);
	}

	@Override
	public @Nullable String acquire(String name, String holder, Duration ttl) {
		return this.holders.putIfAbsent(name, holder);
	}

	@Override
	public boolean renew(String name, String holder, Duration ttl) {
		return holder.equals(this.holders.get(name));
	}

	@Override
	public void release(String name, String holder) {
		if (this.releasesFail) {
			throw new IllegalStateException("Lease store is down");
		}
		this.holders.remove(name, holder);
	}

}
