package io.taskq.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's settings, from {@code --name=value} arguments.
 *
 * @param n tasks (and floor messages) per measured round
 * @param rounds measured rounds; each figure is the median over the rounds
 * @param warmup tasks per side in the excluded warm-up round
 * @param producers threads sending at once, on both sides
 * @param concurrency consumers of the worker (and of the floor)
 * @param prefetch prefetch of each consumer (and of the floor's)
 * @param rtt sequential send-and-wait samples
 * @param rttWarmup excluded send-and-wait samples before them
 * @param sleepTasks tasks of the I/O-bound run
 * @param sleepMillis how long each of them sleeps
 * @param sleepConcurrency consumers of the I/O-bound worker
 * @param sleepProducers threads sending the I/O-bound tasks
 * @param heapN tasks drained for the heap check after the first 10,000; 0 skips the heap check
 * @param expirySeconds expiry of every Redis key written, on both sides
 * @param delayedN delayed tasks scheduled for the delayed-task check; 0 skips it
 * @param delayedProbes tasks due within seconds sent while the delayed tasks are pending, to measure lateness
 * @param celery whether to run the same drain and round trips against a Python Celery worker too
 * @param python the Python interpreter that runs the Celery worker
 * @param beat whether to run the periodic-tasks check, on scheduler instances in JVMs of their own
 * @param beatWindow seconds each round of the periodic-tasks check is measured
 * @param beatWarmup seconds from the instances' start to the window
 * @param beatRate ticks per second of all the schedules of a round together
 * @param beatSchedules the rounds of the periodic-tasks check, by how many schedules each has
 */
record BenchmarkOptions(int n, int rounds, int warmup, int producers, int concurrency, int prefetch, int rtt,
		int rttWarmup, int sleepTasks, long sleepMillis, int sleepConcurrency, int sleepProducers,
		int heapN, long expirySeconds, int delayedN, int delayedProbes, boolean celery, String python, boolean beat,
		int beatWindow, int beatWarmup, int beatRate, int[] beatSchedules) {

	static BenchmarkOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		int cores = Runtime.getRuntime().availableProcessors();
		BenchmarkOptions options = new BenchmarkOptions(intValue(values, "n", 20_000), intValue(values, "rounds", 3),
				intValue(values, "warmup", 10_000), intValue(values, "producers", 8),
				intValue(values, "concurrency", cores), intValue(values, "prefetch", 4), intValue(values, "rtt", 2_000),
				intValue(values, "rtt-warmup", 10_000), intValue(values, "sleep-tasks", 5_000),
				intValue(values, "sleep-ms", 100), intValue(values, "sleep-concurrency", 1_000), intValue(values, "sleep-producers", 32),
				intValue(values, "heap-n", 0), intValue(values, "expiry-seconds", 300),
				intValue(values, "delayed-n", 0), intValue(values, "delayed-probes", 1_000),
				booleanValue(values, "celery", false), stringValue(values, "python", "/usr/bin/python3"),
				booleanValue(values, "beat", false), intValue(values, "beat-window", 60),
				intValue(values, "beat-warmup", 15), intValue(values, "beat-rate", 20),
				intValues(values, "beat-schedules", "10,1000,100000"));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("Unknown options " + values.keySet() + "; known: --n, --rounds, "
					+ "--warmup, --producers, --concurrency, --prefetch, --rtt, --rtt-warmup, --sleep-tasks, "
					+ "--sleep-ms, --sleep-concurrency, --sleep-producers, --heap-n, --expiry-seconds, --delayed-n, "
					+ "--delayed-probes, --celery, --python, --beat, --beat-window, --beat-warmup, --beat-rate, "
					+ "--beat-schedules");
		}
		return options;
	}

	private static boolean booleanValue(Map<String, String> values, String name, boolean defaultValue) {
		String value = stringValue(values, name, Boolean.toString(defaultValue));
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("Expected --" + name + "=true or false, got '" + value + "'");
		}
		return Boolean.parseBoolean(value);
	}

	private static String stringValue(Map<String, String> values, String name, String defaultValue) {
		String value = values.remove(name);
		return (value != null) ? value : defaultValue;
	}

	private static int[] intValues(Map<String, String> values, String name, String defaultValue) {
		return Arrays.stream(stringValue(values, name, defaultValue).split(","))
			.mapToInt((value) -> Integer.parseInt(value.replace("_", "")))
			.toArray();
	}

	private static int intValue(Map<String, String> values, String name, int defaultValue) {
		String value = values.remove(name);
		return (value != null) ? Integer.parseInt(value.replace("_", "").replace(",", "")) : defaultValue;
	}

}
