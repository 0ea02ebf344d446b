package io.taskq.worker;

import org.jspecify.annotations.Nullable;

/**
 * The rest of a chain, for unit tests of one step: records whether the step proceeded, and on which thread, and
 * returns a given outcome.
 */
public final class RecordingChain implements TaskInterceptor.Chain {

	private final TaskOutcome outcome;

	private boolean proceeded;

	private @Nullable Thread thread;

	private RecordingChain(TaskOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * A chain whose handler returns {@code null}.
	 * @return the chain
	 */
	public static RecordingChain succeeding() {
		return new RecordingChain(new TaskOutcome.Succeeded(null));
	}

	@Override
	public synchronized TaskOutcome proceed(TaskExecution execution) {
		this.proceeded = true;
		this.thread = Thread.currentThread();
		return this.outcome;
	}

	/**
	 * Whether the step proceeded.
	 * @return whether the rest of the chain ran
	 */
	public synchronized boolean proceeded() {
		return this.proceeded;
	}

	/**
	 * The thread the rest of the chain ran on.
	 * @return the thread, or {@code null} if it did not run
	 */
	public synchronized @Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * The outcome the rest of the chain returns.
	 * @return the outcome
	 */
	public TaskOutcome outcome() {
		return this.outcome;
	}

}
