package io.taskq.result;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exceptions in Celery's result format ({@code celery-protocol.md} §2.3):
 * {@code {"exc_type", "exc_message", "exc_module"}}, which Python's {@code AsyncResult} turns back into an
 * exception. A Java exception is stored with its simple class name as {@code exc_type}, its package as
 * {@code exc_module} and its message as the single element of {@code exc_message}; Python, which cannot
 * import a Java package, rebuilds it as a stand-in exception class of that name.
 */
public final class TaskErrors {

	/** The class whose frame marks where the worker called a task's handler. */
	private static final String INVOKER = "io.taskq.worker.TaskMethodInvoker";

	private TaskErrors() {
	}

	/**
	 * The exception object of a Java exception; a {@link CeleryError} is stored as the Celery exception it
	 * stands for.
	 * @param exception the exception
	 * @return the exception object
	 */
	public static ObjectNode of(Throwable exception) {
		if (exception instanceof CeleryError celery) {
			return of(celery.celeryType(), celery.celeryModule(), exception.getMessage());
		}
		Class<?> type = exception.getClass();
		String simpleName = type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.');
		return of(simpleName, type.getPackageName(), exception.getMessage());
	}

	/**
	 * An exception object.
	 * @param type the exception type's name ({@code exc_type})
	 * @param module the exception type's module ({@code exc_module})
	 * @param message the single argument of the exception, or {@code null} for none
	 * @return the exception object
	 */
	public static ObjectNode of(String type, String module, @Nullable String message) {
		ObjectNode error = JsonNodeFactory.instance.objectNode();
		error.put("exc_type", type);
		if (message != null) {
			error.putArray("exc_message").add(message);
		}
		else {
			error.putArray("exc_message");
		}
		error.put("exc_module", module);
		return error;
	}

	/**
	 * Celery's {@code NotRegistered} error for a task name no worker knows, as a Celery worker stores it: the
	 * bare task name is the exception's argument ({@code NotRegistered(name)}; the quotes of its {@code str()}
	 * come from {@code KeyError}, not from the stored argument).
	 * @param taskName the unknown task name
	 * @return the exception object
	 */
	public static ObjectNode notRegistered(String taskName) {
		return of("NotRegistered", "celery.exceptions", taskName);
	}

	/**
	 * The formatted stack trace of an exception, stored as the traceback: {@link Throwable#printStackTrace()}'s
	 * format, with causes and suppressed exceptions, but each trace ends where the worker called the task's
	 * handler (its frames below are the same for every task: reflection, taskq's listener, Spring AMQP's
	 * container), replaced by a line saying how many were left out.
	 * @param exception the exception
	 * @return the stack trace text
	 */
	public static String traceback(Throwable exception) {
		StringBuilder text = new StringBuilder();
		append(text, exception, new StackTraceElement[0], "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
		return text.toString();
	}

	private static void append(StringBuilder text, Throwable exception, StackTraceElement[] enclosing, String caption,
			String prefix, Set<Throwable> seen) {
		if (!seen.add(exception)) {
			text.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(exception).append("]\n");
			return;
		}
		text.append(prefix).append(caption).append(exception).append('\n');
		StackTraceElement[] trace = exception.getStackTrace();
		int inCommon = 0;
		while (inCommon < trace.length && inCommon < enclosing.length
				&& trace[trace.length - 1 - inCommon].equals(enclosing[enclosing.length - 1 - inCommon])) {
			inCommon++;
		}
		int shown = Math.min(trace.length - inCommon, handlerBoundary(trace));
		for (int i = 0; i < shown; i++) {
			text.append(prefix).append("\tat ").append(trace[i]).append('\n');
		}
		if (shown < trace.length) {
			text.append(prefix).append("\t... ").append(trace.length - shown).append(" more\n");
		}
		for (Throwable suppressed : exception.getSuppressed()) {
			append(text, suppressed, trace, "Suppressed: ", prefix + "\t", seen);
		}
		Throwable cause = exception.getCause();
		if (cause != null) {
			append(text, cause, trace, "Caused by: ", prefix, seen);
		}
	}

	/**
	 * Where a trace leaves the task's own code: the first frame of taskq's handler invocation and the reflection
	 * frames just above it. A trace that starts in taskq (an argument that does not fit, say) is kept whole.
	 */
	private static int handlerBoundary(StackTraceElement[] trace) {
		for (int i = 1; i < trace.length; i++) {
			if (trace[i].getClassName().equals(INVOKER)) {
				int boundary = i;
				while (boundary > 1 && isReflection(trace[boundary - 1])) {
					boundary--;
				}
				return boundary;
			}
		}
		return trace.length;
	}

	private static boolean isReflection(StackTraceElement frame) {
		String type = frame.getClassName();
		return type.startsWith("java.lang.reflect.") || type.startsWith("jdk.internal.reflect.")
				|| type.startsWith("sun.reflect.") || type.startsWith("java.lang.invoke.");
	}

}
