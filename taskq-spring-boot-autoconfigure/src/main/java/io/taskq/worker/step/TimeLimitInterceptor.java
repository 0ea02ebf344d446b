package io.taskq.worker.step;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.taskq.core.Attribute;
import io.taskq.core.TaskContext;
import io.taskq.core.TimeLimitExceededException;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TimeLimits;

/**
 * Runs a task within its time limits, the task's own or its message's ({@code timelimit}, as a Python caller sets
 * it). A task without limits runs on, on the consumer's thread. One with limits runs the rest of its chain on a
 * thread of its own while the consumer waits: at the soft limit that thread is interrupted and the context flagged
 * (the task may clean up and return, or fail with Celery's {@code SoftTimeLimitExceeded}); at the hard limit the
 * consumer stops waiting, the task is abandoned (its thread interrupted) and fails with {@code TimeLimitExceeded},
 * and the worker slot is free again. The JVM cannot stop a thread that ignores interrupts: an abandoned task that
 * does keeps its thread until it returns, its outcome discarded; the end of that thread is the execution's
 * {@link #ABANDONED_THREAD_END}, so that what it holds (an exclusive key) is kept until then.
 */
public class TimeLimitInterceptor implements TaskInterceptor {

	/** The end of the thread still running a task abandoned at its hard time limit. */
	@SuppressWarnings("unchecked")
	public static final Attribute<CompletionStage<Void>> ABANDONED_THREAD_END = new Attribute<>(
			"abandonedThreadEnd", (Class<CompletionStage<Void>>) (Class<?>) CompletionStage.class);

	private final ExecutorService tasks;

	private final ScheduledExecutorService timer;

	/**
	 * Create the step.
	 * @param tasks runs tasks with time limits
	 * @param timer fires soft time limits
	 */
	public TimeLimitInterceptor(ExecutorService tasks, ScheduledExecutorService timer) {
		this.tasks = tasks;
		this.timer = timer;
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		TimeLimits limits = execution.endpoint()
			.timeLimits()
			.withMessageLimits(execution.message().hardTimeLimit(), execution.message().softTimeLimit());
		if (!limits.any()) {
			return chain.proceed(execution);
		}
		Object lock = new Object();
		Thread[] running = new Thread[1];
		CompletableFuture<Void> threadEnd = new CompletableFuture<>();
		Future<TaskOutcome> future = this.tasks.submit(() -> {
			synchronized (lock) {
				running[0] = Thread.currentThread();
			}
			try {
				return chain.proceed(execution);
			}
			finally {
				synchronized (lock) {
					running[0] = null;
				}
				threadEnd.complete(null);
			}
		});
		TaskContext context = execution.context();
		ScheduledFuture<?> softTimer = (limits.soft() == null) ? null : this.timer.schedule(() -> {
			synchronized (lock) {
				context.markSoftTimeLimitExceeded();
				if (running[0] != null) {
					running[0].interrupt();
				}
			}
		}, limits.soft().toNanos(), TimeUnit.NANOSECONDS);
		try {
			Duration hard = limits.hard();
			return (hard != null) ? future.get(hard.toNanos(), TimeUnit.NANOSECONDS) : future.get();
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			execution.setAttribute(ABANDONED_THREAD_END, threadEnd);
			execution.handlerEnded();
			return new TaskOutcome.Failed(new TimeLimitExceededException(limits.hard()));
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		finally {
			if (softTimer != null) {
				softTimer.cancel(false);
			}
		}
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.TIME_LIMITS;
	}

}
