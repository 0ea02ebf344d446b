package io.taskq.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the figures and prints the table and the summary line.
 */
final class Report {

	private final BenchmarkOptions options;

	private final List<double[]> rounds = new ArrayList<>();

	private int messageSize;

	private long[] roundTrips = new long[0];

	private long[] sends = new long[0];

	private long[] sleep = new long[0];

	private boolean virtualThreads;

	private long heapSmall = -1;

	private long heapHalf = -1;

	private long heapLarge = -1;

	Report(BenchmarkOptions options) {
		this.options = options;
	}

	void header() {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("taskq benchmark: Java %s (%s), %d cores, max heap %d MB%n", Runtime.version(),
				System.getProperty("java.vm.name"), runtime.availableProcessors(), runtime.maxMemory() >> 20);
		System.out.printf("settings: n=%d per round, rounds=%d (median reported) after a warm-up round of %d; "
				+ "producers=%d threads, each send waits for its confirm; worker concurrency=%d prefetch=%d; "
				+ "rtt samples=%d after %d warm-up; sleep tasks=%d x %d ms on %d consumers (prefetch 1), sent by %d "
				+ "threads; key expiry=%d s%n",
				this.options.n(), this.options.rounds(), this.options.warmup(), this.options.producers(),
				this.options.concurrency(), this.options.prefetch(), this.options.rtt(), this.options.rttWarmup(),
				this.options.sleepTasks(), this.options.sleepMillis(), this.options.sleepConcurrency(),
				this.options.sleepProducers(), this.options.expirySeconds());
	}

	void messageSize(int bytes) {
		this.messageSize = bytes;
	}

	void round(int round, long floorPublish, long floorDrain, long taskqPublish, long taskqDrain) {
		double[] rates = { rate(floorPublish), rate(floorDrain), rate(taskqPublish), rate(taskqDrain) };
		this.rounds.add(rates);
		System.out.printf("round %d: floor publish %.0f/s drain %.0f/s | taskq publish %.0f/s drain %.0f/s%n", round,
				rates[0], rates[1], rates[2], rates[3]);
	}

	private double rate(long nanos) {
		return this.options.n() / (nanos / 1e9);
	}

	void roundTrips(long[][] nanos) {
		this.roundTrips = nanos[0].clone();
		Arrays.sort(this.roundTrips);
		this.sends = nanos[1].clone();
		Arrays.sort(this.sends);
	}

	void sleep(long[] nanos, boolean virtualThreads) {
		this.sleep = nanos;
		this.virtualThreads = virtualThreads;
	}

	void heap(long small, long half, long large) {
		this.heapSmall = small;
		this.heapHalf = half;
		this.heapLarge = large;
	}

	void print() {
		double floorPublish = median(0);
		double floorDrain = median(1);
		double taskqPublish = median(2);
		double taskqDrain = median(3);
		double p50 = percentile(this.roundTrips, 0.50);
		System.out.println();
		System.out.printf("%-44s %14s %14s %12s%n", "metric (N=" + this.options.n() + ", message "
				+ this.messageSize + " B persistent)", "floor", "taskq", "taskq/floor");
		System.out.printf("%-44s %14.0f %14.0f %12.2f%n", "publish, confirmed sends/s (" + this.options.producers()
				+ " threads)", floorPublish, taskqPublish, taskqPublish / floorPublish);
		System.out.printf("%-44s %14.0f %14.0f %12.2f%n", "drain, executed+stored/s (" + this.options.concurrency()
				+ " consumers, prefetch " + this.options.prefetch() + ")", floorDrain, taskqDrain,
				taskqDrain / floorDrain);
		System.out.printf("%-44s %14s %14s%n", "round trip send+get p50 / p99 / max (ms)", "-",
				String.format("%.2f / %.2f / %.2f", p50, percentile(this.roundTrips, 0.99),
						percentile(this.roundTrips, 1.0)));
		System.out.printf("%-44s %14s %14s%n", "  the send alone (publish+confirm) p50 / p99", "-",
				String.format("%.2f / %.2f", percentile(this.sends, 0.50), percentile(this.sends, 0.99)));
		System.out.printf("%-44s %14s %14s%n", this.options.sleepTasks() + " x sleep " + this.options.sleepMillis()
				+ " ms, all done (s)", "-", String.format("%.2f", this.sleep[1] / 1e9));
		System.out.printf("%-44s %14s %14s%n", "  of which sending them, " + this.options.sleepProducers()
				+ " threads (s)", "-", String.format("%.2f", this.sleep[0] / 1e9));
		System.out.printf("%-44s %14s %14s%n", "  consumers / threads", "-",
				this.options.sleepConcurrency() + (this.virtualThreads ? " virtual" : " platform"));
		if (this.heapSmall >= 0) {
			System.out.printf("%-44s %14s %14s%n", "used heap after GC, 10000 tasks drained (MB)", "-",
					String.format("%.1f", this.heapSmall / 1048576.0));
			System.out.printf("%-44s %14s %14s%n",
					"  then +" + this.options.heapN() / 2 + " more tasks drained (MB)", "-",
					String.format("%.1f", this.heapHalf / 1048576.0));
			System.out.printf("%-44s %14s %14s%n",
					"  then +" + this.options.heapN() + " tasks in all drained (MB)", "-",
					String.format("%.1f", this.heapLarge / 1048576.0));
		}
		System.out.printf("drain/floor=%.2f publish/floor=%.2f rtt_p50_ms=%.2f%n", taskqDrain / floorDrain,
				taskqPublish / floorPublish, p50);
	}

	private double median(int column) {
		double[] values = this.rounds.stream().mapToDouble((rates) -> rates[column]).sorted().toArray();
		return values[values.length / 2];
	}

	private static double percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

}
