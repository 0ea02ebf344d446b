package io.taskq.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.taskq.TaskqException;
import io.taskq.result.TaskState;

/**
 * Thrown when reading the result of a task that ended in an exception state (FAILURE or REVOKED). Carries
 * the remote error as Celery stores it: the exception's type and module, its arguments, and the traceback.
 */
public class TaskFailedException extends TaskqException {

	private final String taskId;

	private final TaskState state;

	private final String remoteType;

	private final @Nullable String remoteModule;

	private final List<Object> remoteArguments;

	private final @Nullable String remoteTraceback;

	public TaskFailedException(String taskId, TaskState state, String remoteType, @Nullable String remoteModule,
			List<Object> remoteArguments, @Nullable String remoteTraceback) {
		super("Task " + taskId + " ended in " + state + ": " + remoteType + describe(remoteArguments));
		this.taskId = taskId;
		this.state = state;
		this.remoteType = remoteType;
		this.remoteModule = remoteModule;
		this.remoteArguments = List.copyOf(remoteArguments);
		this.remoteTraceback = remoteTraceback;
	}

	private static String describe(List<Object> arguments) {
		if (arguments.isEmpty()) {
			return "";
		}
		if (arguments.size() == 1) {
			return ": " + arguments.get(0);
		}
		return ": " + arguments;
	}

	/**
	 * Id of the failed task.
	 * @return the task id
	 */
	public String getTaskId() {
		return this.taskId;
	}

	/**
	 * State the task ended in: {@link TaskState#FAILURE} or {@link TaskState#REVOKED}.
	 * @return the state
	 */
	public TaskState getState() {
		return this.state;
	}

	/**
	 * Simple name of the remote exception's class (Celery's {@code exc_type}), for example
	 * {@code "ZeroDivisionError"} or {@code "IllegalArgumentException"}.
	 * @return the remote exception type
	 */
	public String getRemoteType() {
		return this.remoteType;
	}

	/**
	 * Module or package of the remote exception's class (Celery's {@code exc_module}), for example
	 * {@code "builtins"} or {@code "java.lang"}.
	 * @return the remote module, or {@code null} if it was not recorded
	 */
	public @Nullable String getRemoteModule() {
		return this.remoteModule;
	}

	/**
	 * Arguments of the remote exception (Celery's {@code exc_message}); for a Java exception, its message.
	 * @return the remote exception's arguments
	 */
	public List<Object> getRemoteArguments() {
		return this.remoteArguments;
	}

	/**
	 * The remote exception's message: its single argument, or all of them joined.
	 * @return the remote message, empty if there was none
	 */
	public String getRemoteMessage() {
		if (this.remoteArguments.size() == 1) {
			return String.valueOf(this.remoteArguments.get(0));
		}
		return this.remoteArguments.isEmpty() ? "" : this.remoteArguments.toString();
	}

	/**
	 * Formatted traceback of the remote failure (a Python traceback or a Java stack trace).
	 * @return the traceback, or {@code null} if none was stored
	 */
	public @Nullable String getRemoteTraceback() {
		return this.remoteTraceback;
	}

}
