package io.taskq.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Collects the figures and prints the table and the summary line.
 */
final class Report {

	private final BenchmarkOptions options;

	private final List<double[]> rounds = new ArrayList<>();

	private int messageSize;

	private long[] roundTrips = new long[0];

	private long[] sends = new long[0];

	private long[] floorRoundTrips = new long[0];

	private long[] floorSends = new long[0];

	private long[] floorRoundTripGc = new long[2];

	private long[] roundTripGc = new long[2];

	private long[] sleep = new long[0];

	private boolean virtualThreads;

	private long heapSmall = -1;

	private long heapHalf = -1;

	private long heapLarge = -1;

	private long[] delayedHeap = new long[0];

	private long delayedNanos;

	private long delayedRedisBytes;

	private long[] lateness = new long[0];

	private String celeryVersion = "";

	private long celeryStartupNanos;

	private final List<Double> celeryDrains = new ArrayList<>();

	private long[] celeryRoundTrips = new long[0];

	private final List<BeatBenchmark.Figures> beatRounds = new ArrayList<>();

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

	void celeryWorker(String version, long startupNanos) {
		this.celeryVersion = version;
		this.celeryStartupNanos = startupNanos;
	}

	void celeryRound(int round, long drain) {
		this.celeryDrains.add(rate(drain));
		System.out.printf("round %d: celery drain %.0f/s%n", round, rate(drain));
	}

	void celeryRoundTrips(long[] nanos) {
		this.celeryRoundTrips = sorted(nanos);
	}

	private double rate(long nanos) {
		return this.options.n() / (nanos / 1e9);
	}

	void roundTrips(long[][] nanos, long[] gc) {
		this.roundTripGc = gc;
		this.roundTrips = sorted(nanos[0]);
		this.sends = sorted(nanos[1]);
	}

	void floorRoundTrips(long[][] nanos, long[] gc) {
		this.floorRoundTripGc = gc;
		this.floorRoundTrips = sorted(nanos[0]);
		this.floorSends = sorted(nanos[1]);
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

	void delayed(long small, long half, long all, long nanos, long redisBytes, long[] lateness) {
		this.delayedHeap = new long[] { small, half, all };
		this.delayedNanos = nanos;
		this.delayedRedisBytes = redisBytes;
		this.lateness = lateness;
	}

	void beat(BeatBenchmark.Figures figures) {
		this.beatRounds.add(figures);
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
		printRoundTrips(this.floorRoundTrips, this.roundTrips);
		System.out.printf("%-44s %14s %14s%n", "  collections during them / their time (ms)",
				this.floorRoundTripGc[0] + " / " + this.floorRoundTripGc[1],
				this.roundTripGc[0] + " / " + this.roundTripGc[1]);
		System.out.printf("%-44s %14s %14s%n", "  the send alone (publish+confirm) p50 / p99",
				String.format("%.2f / %.2f", percentile(this.floorSends, 0.50), percentile(this.floorSends, 0.99)),
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
		if (this.delayedHeap.length > 0) {
			int n = this.options.delayedN();
			System.out.printf("%-44s %14s %14s%n", "used heap after GC, " + Math.min(10_000, n)
					+ " delayed tasks scheduled (MB)", "-", String.format("%.1f", this.delayedHeap[0] / 1048576.0));
			System.out.printf("%-44s %14s %14s%n", "  then " + Math.max(Math.min(10_000, n), n / 2)
					+ " delayed tasks scheduled (MB)", "-", String.format("%.1f", this.delayedHeap[1] / 1048576.0));
			System.out.printf("%-44s %14s %14s%n", "  then " + n + " delayed tasks scheduled (MB)", "-",
					String.format("%.1f", this.delayedHeap[2] / 1048576.0));
			System.out.printf("%-44s %14s %14s%n", "  moved to the schedule by the worker (/s)", "-",
					String.format("%.0f", n / (this.delayedNanos / 1e9)));
			System.out.printf("%-44s %14s %14s%n", "  Redis memory per delayed task (bytes)", "-",
					String.format("%.0f", (double) this.delayedRedisBytes / n));
			System.out.printf("%-44s %14s %14s%n", "lateness of " + this.lateness.length
					+ " due tasks, p50 / p99 / max (ms)", "-", String.format("%d / %d / %d",
							atRank(this.lateness, 0.50), atRank(this.lateness, 0.99), atRank(this.lateness, 1.0)));
		}
		if (!this.celeryDrains.isEmpty()) {
			printCelery(taskqDrain, p50);
		}
		if (!this.beatRounds.isEmpty()) {
			printBeat();
		}
		System.out.printf("drain/floor=%.2f publish/floor=%.2f rtt_p50_ms=%.2f%n", taskqDrain / floorDrain,
				taskqPublish / floorPublish, p50);
	}

	private void printCelery(double taskqDrain, double taskqP50) {
		double drain = median(this.celeryDrains.stream().mapToDouble(Double::doubleValue));
		double p50 = percentile(this.celeryRoundTrips, 0.50);
		System.out.println();
		System.out.printf("%-44s %14s %14s %12s%n", "Python Celery " + this.celeryVersion + " (prefork "
				+ this.options.concurrency() + ", late ack)", "celery", "taskq", "taskq/celery");
		System.out.printf("%-44s %14.0f %14.0f %12.2f%n", "drain, executed+stored/s (prefetch "
				+ this.options.concurrency() * this.options.prefetch() + " in all)", drain, taskqDrain,
				taskqDrain / drain);
		printRoundTrips(this.celeryRoundTrips, this.roundTrips);
		System.out.printf("%-44s %14s %14s%n", "worker start until ready, not timed (s)",
				String.format("%.2f", this.celeryStartupNanos / 1e9), "-");
		System.out.printf("celery: drain=%.0f/s rtt_p50_ms=%.2f taskq/celery drain=%.2f rtt_p50=%.2f%n", drain, p50,
				taskqDrain / drain, taskqP50 / p50);
	}

	private void printBeat() {
		System.out.println();
		System.out.printf("periodic tasks: %d scheduler JVMs, window %d s after a warm-up of %d s%n",
				BeatBenchmark.INSTANCES, this.options.beatWindow(), this.options.beatWarmup());
		System.out.printf("%9s %9s %10s %11s %7s %18s %5s %7s %17s %17s %16s%n", "schedules", "period", "added/s",
				"1st poll s", "ticks", "late p50/p99/max", "dup", "missing", "CPU % / instance", "polls/s/instance",
				"Redis cmd/s");
		for (BeatBenchmark.Figures round : this.beatRounds) {
			long[] late = round.lateness();
			System.out.printf("%9d %9s %10.0f %11.1f %7d %18s %5d %7d %17s %17s %16s%n", round.schedules(),
					String.format("%.1f s", round.period().toMillis() / 1e3),
					round.schedules() / (round.saveNanos() / 1e9), round.firstPollNanos() / 1e9, late.length,
					lateness(late), round.duplicates(),
					round.missing(), joined(round.cpu(), "%.1f"), joined(round.pollsPerSecond(), "%.1f"),
					String.format("%.0f (%.0f)", round.redisPerSecond(), round.idleRedisPerSecond()));
		}
		System.out.println("(1st poll: from starting an instance to its first poll, the slowest of them; late: "
				+ "arrival at an outside consumer minus the tick, ms, ticks of the window; Redis: every client's "
				+ "commands, in brackets before the instances started)");
		BeatBenchmark.Figures second = this.beatRounds.get(this.beatRounds.size() - 1);
		boolean met = second.lateness().length > 0 && atRank(second.lateness(), 0.99) < 250;
		System.out.printf("beat: one-second schedule on %d instances, lateness p50/p99/max %s ms, target p99 < 250 ms "
				+ "%s; duplicates=%d missing=%d%n", BeatBenchmark.INSTANCES, lateness(second.lateness()),
				met ? "met" : "NOT met", second.duplicates(), second.missing());
	}

	/**
	 * p50/p99/max of sorted milliseconds, or "-" if there are none.
	 */
	static String lateness(long[] sorted) {
		return (sorted.length == 0) ? "-"
				: atRank(sorted, 0.50) + "/" + atRank(sorted, 0.99) + "/" + atRank(sorted, 1.0);
	}

	private static String joined(double[] values, String format) {
		return String.join(" ", Arrays.stream(values).mapToObj((value) -> String.format(format, value)).toList());
	}

	/**
	 * Round trip p50 and p99 of another side and of taskq, with the ratio taskq/other, and both maxima.
	 */
	private static void printRoundTrips(long[] other, long[] taskq) {
		for (double p : new double[] { 0.50, 0.99 }) {
			double theirs = percentile(other, p);
			double ours = percentile(taskq, p);
			System.out.printf("%-44s %14s %14s %12.2f%n", "round trip send+get p" + Math.round(p * 100) + " (ms)",
					String.format("%.2f", theirs), String.format("%.2f", ours), ours / theirs);
		}
		System.out.printf("%-44s %14s %14s%n", "round trip send+get max (ms)",
				String.format("%.2f", percentile(other, 1.0)), String.format("%.2f", percentile(taskq, 1.0)));
	}

	private double median(int column) {
		return median(this.rounds.stream().mapToDouble((rates) -> rates[column]));
	}

	private static double median(DoubleStream rates) {
		double[] values = rates.sorted().toArray();
		return values[values.length / 2];
	}

	private static long[] sorted(long[] values) {
		long[] copy = values.clone();
		Arrays.sort(copy);
		return copy;
	}

	/**
	 * The value at a percentile of sorted values (nearest rank).
	 */
	private static long atRank(long[] sorted, double p) {
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * A percentile of sorted nanoseconds, in milliseconds.
	 */
	private static double percentile(long[] sorted, double p) {
		return atRank(sorted, p) / 1e6;
	}

}
