package io.taskq.result;

import java.io.PrintWriter;
import java.io.StringWriter;

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
	 * The formatted stack trace of an exception, stored as the traceback.
	 * @param exception the exception
	 * @return the stack trace text
	 */
	public static String traceback(Throwable exception) {
		StringWriter text = new StringWriter();
		exception.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
