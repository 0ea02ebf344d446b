package io.taskq.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Collections of the JVM during a phase, from the garbage collector MXBeans: a round trip that meets a pause
 * waits for it.
 */
final class GarbageCollection {

	private GarbageCollection() {
	}

	/**
	 * Collections so far and their accumulated time.
	 * @return the count and the milliseconds
	 */
	static long[] totals() {
		long count = 0;
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			count += Math.max(0, collector.getCollectionCount());
			millis += Math.max(0, collector.getCollectionTime());
		}
		return new long[] { count, millis };
	}

	/**
	 * Collections since earlier totals.
	 * @param before what {@link #totals()} returned then
	 * @return the count and the milliseconds since
	 */
	static long[] since(long[] before) {
		long[] now = totals();
		return new long[] { now[0] - before[0], now[1] - before[1] };
	}

}
