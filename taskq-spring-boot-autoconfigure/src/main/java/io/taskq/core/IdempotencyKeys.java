package io.taskq.core;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.taskq.store.LeaseStore;

/**
 * Remembers which task id each idempotency key was first sent as, for a window of time: a key is a lease
 * {@code idempotency:<task>:<key>} held by that task id until the window lapses, so of any number of concurrent sends
 * with the same key, on any number of producers, exactly one wins.
 */
public class IdempotencyKeys {

	private final LeaseStore leases;

	private final Function<String, Duration> defaultWindows;

	/**
	 * Create the keys.
	 * @param leases holds the keys
	 * @param defaultWindows given a task name, how long its keys are remembered when a send names no window
	 */
	public IdempotencyKeys(LeaseStore leases, Function<String, Duration> defaultWindows) {
		this.leases = leases;
		this.defaultWindows = defaultWindows;
	}

	/**
	 * Claim a key for a task id, unless it is claimed already.
	 * @param task the task name
	 * @param key the idempotency key
	 * @param window how long to remember the key, or {@code null} for the task's default
	 * @param taskId the id of the task about to be sent
	 * @return {@code null} if the key is now claimed for {@code taskId}, else the id it was claimed for before
	 */
	public @Nullable String claim(String task, String key, @Nullable Duration window, String taskId) {
		Duration ttl = (window != null) ? window : this.defaultWindows.apply(task);
		Assert.isTrue(ttl.toMillis() >= 1, () -> "Idempotency window of task '" + task + "' must be positive");
		return this.leases.acquire(name(task, key), taskId, ttl);
	}

	/**
	 * Release a key claimed for a task id, if it still is, so that a later send with the key goes through.
	 * @param task the task name
	 * @param key the idempotency key
	 * @param taskId the task id the key was claimed for
	 */
	public void release(String task, String key, String taskId) {
		this.leases.release(name(task, key), taskId);
	}

	/**
	 * Keep a key claimed for a task id for longer, if it still is.
	 * @param task the task name
	 * @param key the idempotency key
	 * @param taskId the task id the key was claimed for
	 * @param window how long to remember the key from now
	 * @return whether the key was still claimed for {@code taskId}
	 */
	public boolean extend(String task, String key, String taskId, Duration window) {
		return this.leases.renew(name(task, key), taskId, window);
	}

	private static String name(String task, String key) {
		return "idempotency:" + task + ":" + key;
	}

}
