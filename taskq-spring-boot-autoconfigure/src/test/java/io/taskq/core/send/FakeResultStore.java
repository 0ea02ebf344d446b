package io.taskq.core.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.taskq.result.TaskResult;
import io.taskq.store.ResultStore;

/**
 * A {@link ResultStore} in memory, for unit tests of the producer; it can be made to fail every call.
 */
public class FakeResultStore implements ResultStore {

	private final Map<String, TaskResult> results = new ConcurrentHashMap<>();

	private volatile boolean down;

	/**
	 * Make every later call fail, as a store that cannot be reached.
	 */
	public void goDown() {
		this.down = true;
	}

	@Override
	public boolean store(TaskResult result, Duration expires) {
		checkUp();
		this.results.put(result.taskId(), result);
		return true;
	}

	@Override
	public boolean storeIfAbsent(TaskResult result, Duration expires) {
		checkUp();
		return this.results.putIfAbsent(result.taskId(), result) == null;
	}

	@Override
	public @Nullable TaskResult get(String taskId) {
		checkUp();
		return this.results.get(taskId);
	}

	@Override
	public List<@Nullable TaskResult> getAll(List<String> taskIds) {
		return taskIds.stream().map(this::get).toList();
	}

	@Override
	public @Nullable TaskResult awaitReady(String taskId, Duration timeout) {
		throw new UnsupportedOperationException("Not waited on in these tests");
	}

	@Override
	public void delete(String taskId) {
		checkUp();
		this.results.remove(taskId);
	}

	private void checkUp() {
		if (this.down) {
			throw new IllegalStateException("Result store is down");
		}
	}

}
