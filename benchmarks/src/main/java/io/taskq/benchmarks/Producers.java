package io.taskq.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a send for every index from 0 to n on a number of threads at once, the same way on both sides.
 */
final class Producers {

	private Producers() {
	}

	@FunctionalInterface
	interface Send {

		void send(int index) throws Exception;

	}

	/**
	 * Send every index once.
	 * @param n how many sends
	 * @param threads sending threads
	 * @param send one send
	 * @return elapsed nanoseconds from the first send to the last confirmed one
	 */
	static long run(int n, int threads, Send send) {
		AtomicInteger next = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
						send.send(i);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
			return System.nanoTime() - start;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A send failed", ex.getCause());
		}
		finally {
			executor.shutdownNow();
		}
	}

}
