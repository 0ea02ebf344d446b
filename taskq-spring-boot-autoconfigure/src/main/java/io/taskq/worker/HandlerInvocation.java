package io.taskq.worker;

import tools.jackson.databind.JsonNode;

import io.taskq.core.SoftTimeLimitExceededException;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskRetryException;
import io.taskq.result.TaskErrors;

/**
 * The end of every chain: binds the message's arguments and runs the handler, with its context current.
 * <ul>
 * <li>It returned: {@link TaskOutcome.Succeeded}.</li>
 * <li>The arguments do not fit: {@link TaskOutcome.Rejected} ({@code invalid-arguments}).</li>
 * <li>It asked to be retried: {@link TaskOutcome.RetryRequested}.</li>
 * <li>It threw, an {@link Error} included ({@code AssertionError}, {@code StackOverflowError}, an
 * {@code OutOfMemoryError} of its own making): {@link TaskOutcome.Failed}, with Celery's
 * {@code SoftTimeLimitExceeded} around what it threw once its soft time limit passed. Only an error that says the
 * JVM itself is broken ({@code InternalError}, {@code UnknownError}) is thrown on, and so is an interrupt that is
 * not the soft time limit's: the worker is stopping, and the task goes back to the queue.</li>
 * </ul>
 */
final class HandlerInvocation {

	private final TaskLifecycleListener listeners;

	HandlerInvocation(TaskLifecycleListener listeners) {
		this.listeners = listeners;
	}

	TaskOutcome invoke(TaskExecution execution) throws InterruptedException {
		TaskContext context = execution.context();
		this.listeners.taskStarted(execution);
		execution.handlerStarted();
		try {
			JsonNode[] returned = new JsonNode[1];
			context.runAsCurrent(() -> returned[0] = execution.task().invoker().invoke(execution.message(), context));
			return new TaskOutcome.Succeeded(returned[0]);
		}
		catch (TaskArgumentException ex) {
			return new TaskOutcome.Rejected("invalid-arguments", ex, TaskErrors.of(ex));
		}
		catch (TaskRetryException ex) {
			return new TaskOutcome.RetryRequested(ex);
		}
		catch (Throwable ex) {
			if (context.isSoftTimeLimitExceeded()) {
				return new TaskOutcome.Failed(new SoftTimeLimitExceededException(ex));
			}
			if (ex instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			if (ex instanceof VirtualMachineError && !(ex instanceof OutOfMemoryError)
					&& !(ex instanceof StackOverflowError)) {
				throw (Error) ex;
			}
			return new TaskOutcome.Failed(ex);
		}
		finally {
			execution.handlerEnded();
		}
	}

}
