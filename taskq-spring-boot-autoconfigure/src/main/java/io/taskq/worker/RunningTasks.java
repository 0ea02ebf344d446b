package io.taskq.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The tasks running on this worker, by id, so that a revoke with {@code terminate} can interrupt the thread
 * running one.
 * <p>
 * A JVM cannot kill a thread: termination is an interrupt, which blocking calls that honour interrupts
 * ({@code Thread.sleep}, {@code Object.wait}, locks, {@code Future.get}, interruptible channels) answer by
 * throwing, and which a busy loop or a blocking socket read does not see unless it checks
 * {@code Thread.interrupted()}. Whatever the handler does then, its outcome is REVOKED: {@link #run} throws
 * {@link TaskTerminatedException}. The interrupt never outlives the task: it is cleared before the worker
 * thread stores the outcome.
 */
public class RunningTasks {

	private static final Log logger = LogFactory.getLog(RunningTasks.class);

	/** How long a termination is remembered for a task that has not registered yet (a revoke racing its start). */
	private static final Duration EARLY_TERMINATION_WINDOW = Duration.ofMinutes(1);

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	private final Map<String, Long> earlyTerminations = new ConcurrentHashMap<>();

	/**
	 * Run a task on the calling thread, registered under its id for the time it runs.
	 * @param <T> the result type
	 * @param taskId the task id
	 * @param task the task
	 * @return what the task returned
	 * @throws TaskTerminatedException if the task was terminated while it ran
	 * @throws Exception what the task threw, if it was not terminated
	 */
	public <T> T run(String taskId, Callable<T> task) throws Exception {
		Running registration = new Running(Thread.currentThread());
		this.running.put(taskId, registration);
		if (this.earlyTerminations.remove(taskId) != null) {
			registration.interrupt();
		}
		T result;
		try {
			result = task.call();
		}
		catch (Throwable ex) {
			// Errors too: a handler's StackOverflowError must not leave its registration (and an interrupt)
			// behind.
			if (finish(taskId, registration)) {
				throw new TaskTerminatedException(taskId, ex);
			}
			throw ex;
		}
		if (finish(taskId, registration)) {
			throw new TaskTerminatedException(taskId, null);
		}
		return result;
	}

	private boolean finish(String taskId, Running registration) {
		this.running.remove(taskId, registration);
		return registration.finish();
	}

	/**
	 * Interrupt the task if it runs here; if it starts here within a minute, it is interrupted at once.
	 * @param taskId the task id
	 * @return whether the task was running here
	 */
	public boolean terminate(String taskId) {
		long now = System.nanoTime();
		this.earlyTerminations.values().removeIf((at) -> now - at > EARLY_TERMINATION_WINDOW.toNanos());
		this.earlyTerminations.put(taskId, now);
		Running registration = this.running.get(taskId);
		if (registration == null) {
			return false;
		}
		this.earlyTerminations.remove(taskId);
		if (registration.interrupt()) {
			logger.info("Terminating task " + taskId + ": interrupted its thread " + registration.thread.getName());
			return true;
		}
		return false;
	}

	private static final class Running {

		private final Thread thread;

		private boolean finished;

		private boolean terminated;

		Running(Thread thread) {
			this.thread = thread;
		}

		synchronized boolean interrupt() {
			if (this.finished) {
				return false;
			}
			this.terminated = true;
			this.thread.interrupt();
			return true;
		}

		/** Called on the task's thread; clears an interrupt this registry caused. */
		synchronized boolean finish() {
			this.finished = true;
			if (this.terminated) {
				Thread.interrupted();
			}
			return this.terminated;
		}

	}

}
