package io.taskq.store.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;

/**
 * A {@link ResultStore} in memory, for unit tests: keeps the states as the Redis store would (SUCCESS is sticky),
 * and every write in order, with how long it was to be kept; it can be made to fail every call.
 */
public class InMemoryResultStore implements ResultStore {

	private final Map<String, TaskResult> results = new HashMap<>();

	private final List<Write> writes = new ArrayList<>();

	private boolean down;

	/**
	 * Make every later call fail, as a store that cannot be reached.
	 */
	public synchronized void goDown() {
		this.down = true;
	}

	@Override
	public synchronized boolean store(TaskResult result, Duration expires) {
		checkUp();
		TaskResult current = this.results.get(result.taskId());
		if (current != null && TaskState.SUCCESS.equals(current.state())) {
			return false;
		}
		this.results.put(result.taskId(), result);
		this.writes.add(new Write(result, expires));
		notifyAll();
		return true;
	}

	@Override
	public synchronized boolean storeIfAbsent(TaskResult result, Duration expires) {
		checkUp();
		if (this.results.containsKey(result.taskId())) {
			return false;
		}
		this.results.put(result.taskId(), result);
		this.writes.add(new Write(result, expires));
		return true;
	}

	@Override
	public synchronized @Nullable TaskResult get(String taskId) {
		checkUp();
		return this.results.get(taskId);
	}

	@Override
	public synchronized List<@Nullable TaskResult> getAll(List<String> taskIds) {
		checkUp();
		List<@Nullable TaskResult> found = new ArrayList<>();
		taskIds.forEach((taskId) -> found.add(this.results.get(taskId)));
		return found;
	}

	@Override
	public synchronized @Nullable TaskResult awaitReady(String taskId, Duration timeout) throws InterruptedException {
		checkUp();
		long deadline = System.nanoTime() + timeout.toNanos();
		TaskResult result = this.results.get(taskId);
		while (result == null || !result.isReady()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			wait(Math.max(1, left / 1_000_000));
			result = this.results.get(taskId);
		}
		return result;
	}

	@Override
	public synchronized void delete(String taskId) {
		checkUp();
		this.results.remove(taskId);
	}

	/**
	 * Every write that took effect, in order.
	 * @return the writes
	 */
	public synchronized List<Write> writes() {
		return List.copyOf(this.writes);
	}

	private void checkUp() {
		if (this.down) {
			throw new IllegalStateException("Result store is down");
		}
	}

	/**
	 * A state stored, and how long it was to be kept.
	 *
	 * @param result the state
	 * @param expires how long it was to be kept
	 */
	public record Write(TaskResult result, Duration expires) {
	}

}
