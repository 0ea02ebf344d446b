package io.taskq.worker;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Calls to a store that wait out its outage: a step that needs the store (a rate limit, a lease, the schedule)
 * holds its message rather than failing it or requeueing it in a loop, and the outcome of a task that ran is stored
 * before its message is acknowledged. Retries back off exponentially, 100 ms doubling to 5 s; if the thread is
 * interrupted (the worker is stopping), the call fails and the message goes back to the queue.
 */
public final class StoreCalls {

	private static final Log logger = LogFactory.getLog(StoreCalls.class);

	private StoreCalls() {
	}

	/**
	 * Call a store, retrying while it is unavailable (Spring's {@link DataAccessException}).
	 * @param <T> the result type
	 * @param action what the call does, for the log ("schedule task")
	 * @param subject what it does it to, for the log (a task)
	 * @param call the call
	 * @return what the call returned
	 */
	public static <T> T whileUnavailable(String action, Object subject, Supplier<T> call) {
		return retrying(action, subject, DataAccessException.class, call);
	}

	/**
	 * Call a store, retrying while it fails: for storing a task's outcome, which must happen before the message is
	 * acknowledged.
	 * @param action what the call does, for the log
	 * @param subject what it does it to, for the log
	 * @param call the call
	 */
	public static void untilDone(String action, Object subject, Runnable call) {
		retrying(action, subject, RuntimeException.class, () -> {
			call.run();
			return subject;
		});
	}

	/**
	 * Call a store, retrying while it is unavailable, for its side effect.
	 * @param action what the call does, for the log
	 * @param subject what it does it to, for the log
	 * @param call the call
	 */
	public static void whileUnavailable(String action, Object subject, Runnable call) {
		whileUnavailable(action, subject, () -> {
			call.run();
			return subject;
		});
	}

	private static <T> T retrying(String action, Object subject, Class<? extends RuntimeException> transientFailure,
			Supplier<T> call) {
		BackOffExecution backOff = null;
		while (true) {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				if (!transientFailure.isInstance(ex)) {
					throw ex;
				}
				if (backOff == null) {
					ExponentialBackOff policy = new ExponentialBackOff(100, 2.0);
					policy.setMaxInterval(Duration.ofSeconds(5).toMillis());
					backOff = policy.start();
				}
				long delay = backOff.nextBackOff();
				logger.warn("Could not " + action + " " + subject + " (" + ex.getMessage() + "); retrying in " + delay
						+ " ms");
				try {
					Thread.sleep(delay);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while trying to " + action + " " + subject
							+ "; the message goes back to the queue", ex);
				}
			}
		}
	}

}
