package io.taskq.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.taskq.result.CeleryResultFormat;
import io.taskq.result.TaskResult;
import io.taskq.store.redis.RedisResultStore;

/**
 * taskq's Redis result store, counting the results stored so the benchmark knows when a drain is complete.
 */
class CountingResultStore extends RedisResultStore {

	private final StoreCounter counter;

	CountingResultStore(RedisConnectionFactory connectionFactory, CeleryResultFormat format, StoreCounter counter) {
		super(connectionFactory, format, "");
		this.counter = counter;
	}

	@Override
	public boolean store(TaskResult result, Duration expires) {
		boolean written = super.store(result, expires);
		this.counter.increment();
		return written;
	}

	/**
	 * Counts stored results and waits for a count to be reached.
	 */
	static final class StoreCounter {

		private final AtomicLong count = new AtomicLong();

		void increment() {
			this.count.incrementAndGet();
		}

		long get() {
			return this.count.get();
		}

		/**
		 * Wait until the count reaches a target.
		 * @param target the count to reach
		 * @param timeout how long to wait at most
		 * @return the time the target was seen reached, from {@link System#nanoTime()}
		 */
		long awaitAtLeast(long target, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				long now = System.nanoTime();
				if (this.count.get() >= target) {
					return now;
				}
				if (now > deadline) {
					throw new IllegalStateException("Only " + this.count.get() + " of " + target
							+ " results stored within " + timeout);
				}
				LockSupport.parkNanos(100_000);
			}
		}

	}

}
