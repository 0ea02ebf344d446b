package io.taskq.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.taskq.store.LeaseStore;

/**
 * Keeps leases held while their work goes on: renews each one every third of its time to live, on one shared
 * timer thread, and gives it up when the work ends. A process that dies stops renewing, and its leases lapse.
 */
public class LeaseKeeper {

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	private final LeaseStore leases;

	private final ScheduledExecutorService timer;

	/**
	 * Create a keeper.
	 * @param leases the lease store
	 * @param timer runs the renewals
	 */
	public LeaseKeeper(LeaseStore leases, ScheduledExecutorService timer) {
		this.leases = leases;
		this.timer = timer;
	}

	/**
	 * Keep a lease just taken.
	 * @param name the lease's name
	 * @param holder the holder's token
	 * @param ttl the lease's time to live
	 * @param subject what holds it, for the log
	 * @return the held lease, to {@link Held#release() release} when the work ends
	 */
	public Held keep(String name, String holder, Duration ttl, Object subject) {
		long period = Math.max(1, ttl.toMillis() / 3);
		ScheduledFuture<?> renewal = this.timer.scheduleAtFixedRate(() -> renew(name, holder, ttl, subject), period,
				period, TimeUnit.MILLISECONDS);
		return new Held(name, holder, renewal);
	}

	private void renew(String name, String holder, Duration ttl, Object subject) {
		try {
			if (!this.leases.renew(name, holder, ttl)) {
				logger.warn(subject + " lost its lease '" + name + "' (it lapsed before renewal); another holder may "
						+ "take it");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the lease '" + name + "' of " + subject + ": " + ex.getMessage());
		}
	}

	/**
	 * A lease kept held.
	 */
	public final class Held {

		private final String name;

		private final String holder;

		private final ScheduledFuture<?> renewal;

		private Held(String name, String holder, ScheduledFuture<?> renewal) {
			this.name = name;
			this.holder = holder;
			this.renewal = renewal;
		}

		/**
		 * Stop renewing the lease and give it up, if still held.
		 */
		public void release() {
			this.renewal.cancel(false);
			try {
				LeaseKeeper.this.leases.release(this.name, this.holder);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release the lease '" + this.name + "' (it lapses on its own): "
						+ ex.getMessage());
			}
		}

	}

}
