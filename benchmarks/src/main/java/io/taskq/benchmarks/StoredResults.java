package io.taskq.benchmarks;

import java.util.Arrays;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.redis.RedisResultStore;

/**
 * Reads back the results of no-op tasks, whoever ran them, and deletes them.
 */
final class StoredResults {

	private static final int CHUNK = 1000;

	private StoredResults() {
	}

	/**
	 * Check that task {@code i} of {@code ids} succeeded with the result {@code i}, then delete every result.
	 * @param resultStore the store the results were written to (in Celery's format)
	 * @param redis the Redis the store writes to
	 * @param ids the task ids, each sent with its index as argument
	 * @throws IllegalStateException if a result is missing, not SUCCESS or another value
	 */
	static void verifyAndDelete(RedisResultStore resultStore, StringRedisTemplate redis, String[] ids) {
		List<String> all = Arrays.asList(ids);
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			List<TaskResult> results = resultStore.getAll(chunk);
			for (int i = 0; i < chunk.size(); i++) {
				TaskResult result = results.get(i);
				int index = from + i;
				if (result == null || !TaskState.SUCCESS.equals(result.state()) || result.result() == null
						|| result.result().asInt() != index) {
					throw new IllegalStateException("Task " + index + " (" + chunk.get(i) + ") has result " + result);
				}
			}
			redis.delete(chunk.stream().map(resultStore::key).toList());
		}
	}

}
