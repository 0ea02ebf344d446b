package io.taskq.benchmarks;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;

/**
 * The tasks benchmarked: a no-op that returns its argument (so every result can be checked), and a task that
 * sleeps, for I/O-bound concurrency, and one that returns when it started, for the lateness of delayed tasks.
 */
@Component
class BenchmarkTasks {

	static final String NOOP = "bench.noop";

	static final String SLEEP = "bench.sleep";

	static final String STAMP = "bench.stamp";

	@TaskHandler(NOOP)
	int noop(int index) {
		return index;
	}

	@TaskHandler(SLEEP)
	int sleep(int index, long millis) throws InterruptedException {
		Thread.sleep(millis);
		return index;
	}

	@TaskHandler(STAMP)
	long stamp() {
		return System.currentTimeMillis();
	}

}
