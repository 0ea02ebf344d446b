package io.taskq.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rate limit holds across three real worker JVMs together: it is counted in Redis, where Celery's counts per
 * worker process (three processes at 10/s each would start 30 a second).
 */
class RateLimitAcrossWorkersIntegrationTests {

	static final List<String> NAMES = List.of("rate-1", "rate-2", "rate-3");

	@RegisterExtension
	static final WorkerProcesses workers = new WorkerProcesses("--taskq.tasks[tasks.add].rate-limit=10/s");

	@Test
	void tenPerSecondHoldsAcrossThreeProcesses() throws Exception {
		workers.start(NAMES.toArray(String[]::new));
		Instant sent = Instant.now();
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			handles.add(workers.tasks().send("tasks.add", i, 1));
		}
		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).get(Duration.ofSeconds(30), Long.class)).isEqualTo(i + 1L);
		}

		// tasks.add takes microseconds: the time its SUCCESS was stored is the time it started.
		List<TaskResult> results = handles.stream().map(TaskHandle::result).toList();
		List<Instant> starts = results.stream().map((result) -> result.dateDone().toInstant()).sorted().toList();
		Duration span = Duration.between(starts.get(0), starts.get(starts.size() - 1));
		double rate = (starts.size() - 1) / (span.toNanos() / 1e9);
		int busiestSecond = busiestSecond(starts);
		Map<String, Long> perWorker = results.stream()
			.collect(Collectors.groupingBy((result) -> result.extended().worker(), TreeMap::new, Collectors.counting()));
		System.out.printf("Rate limit 10/s across 3 worker processes: %d tasks started in %d ms, %.2f tasks/s, "
				+ "at most %d in any second; tasks per process %s%n", starts.size(), span.toMillis(), rate,
				busiestSecond, perWorker);

		// The n-th start (from 0) comes no sooner than n slots of 100 ms after the first, taken after the sends; a
		// start held up on a busy machine only comes later.
		for (int i = 0; i < starts.size(); i++) {
			assertThat(starts.get(i)).as("start %d of %d", i + 1, starts.size())
				.isAfterOrEqualTo(sent.plusMillis(100L * i));
		}
		assertThat(rate).isGreaterThanOrEqualTo(8.0);
		// Starts held up on a busy machine bunch up a little; limits per process would start 30 in a second.
		assertThat(busiestSecond).isLessThanOrEqualTo(20);
		assertThat(perWorker.keySet()).containsExactlyElementsOf(NAMES);
		String key = workers.property("taskq.redis.key-prefix") + "ratelimit:tasks.add";
		assertThat(workers.bean(StringRedisTemplate.class).hasKey(key)).as("the limit's key, %s", key).isTrue();
	}

	/**
	 * The most starts within one second of any start.
	 */
	private static int busiestSecond(List<Instant> sortedStarts) {
		int busiest = 0;
		int end = 0;
		for (int start = 0; start < sortedStarts.size(); start++) {
			Instant limit = sortedStarts.get(start).plusSeconds(1);
			while (end < sortedStarts.size() && sortedStarts.get(end).isBefore(limit)) {
				end++;
			}
			busiest = Math.max(busiest, end - start);
		}
		return busiest;
	}

}
