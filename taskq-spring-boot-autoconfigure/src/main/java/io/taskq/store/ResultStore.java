package io.taskq.store;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.taskq.result.TaskResult;

/**
 * Where task states and results live. The default implementation is {@link RedisResultStore}, in Celery's
 * Redis result backend format.
 */
public interface ResultStore {

	/**
	 * Store a state, unless the task already has a SUCCESS (which is sticky), and notify waiters.
	 * @param result the state to store
	 * @param expires how long the stored state is kept
	 * @return {@code false} if the write was skipped because the task already succeeded
	 */
	boolean store(TaskResult result, Duration expires);

	/**
	 * Store a state only if the task has none yet (the SENT state of a new task), without notifying waiters.
	 * @param result the state to store
	 * @param expires how long the stored state is kept
	 * @return whether it was stored
	 */
	boolean storeIfAbsent(TaskResult result, Duration expires);

	/**
	 * Like {@link #storeIfAbsent}, best effort and, where the store can, without waiting for it; later calls from
	 * any thread take effect after it.
	 * @param result the state to store
	 * @param expires how long the stored state is kept
	 */
	default void storeIfAbsentWithoutWaiting(TaskResult result, Duration expires) {
		storeIfAbsent(result, expires);
	}

	/**
	 * Like {@link #delete}, where the store can without waiting for it, after earlier writes.
	 * @param taskId the task id
	 */
	default void deleteWithoutWaiting(String taskId) {
		delete(taskId);
	}

	/**
	 * Read a task's stored state.
	 * @param taskId the task id
	 * @return the stored state, or {@code null} if nothing is stored (PENDING)
	 */
	@Nullable TaskResult get(String taskId);

	/**
	 * Read several tasks' stored states in one round trip.
	 * @param taskIds the task ids
	 * @return the stored states in the same order, {@code null} where nothing is stored
	 */
	List<@Nullable TaskResult> getAll(List<String> taskIds);

	/**
	 * Wait until the task reaches a ready state, without polling: the store notifies waiters when it writes.
	 * @param taskId the task id
	 * @param timeout how long to wait at most
	 * @return the ready state, or {@code null} if the task was not ready within the timeout
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	@Nullable TaskResult awaitReady(String taskId, Duration timeout) throws InterruptedException;

	/**
	 * Forget a task's stored state.
	 * @param taskId the task id
	 */
	void delete(String taskId);

}
