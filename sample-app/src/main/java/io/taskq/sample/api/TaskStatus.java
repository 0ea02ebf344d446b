package io.taskq.sample.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;

/**
 * The answer of {@code GET /api/tasks/{id}}: the task's state, with its result once it succeeded or its error
 * once it failed.
 *
 * @param id the task id
 * @param state the state (PENDING while nothing is stored)
 * @param result the return value, for SUCCESS only
 * @param error the remote exception, for FAILURE, RETRY and REVOKED only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(String id, String state, @Nullable JsonNode result, @Nullable Error error) {

	/**
	 * The status of a task from its stored result.
	 * @param id the task id
	 * @param stored the stored result, or {@code null} while PENDING
	 * @return the status
	 */
	public static TaskStatus of(String id, @Nullable TaskResult stored) {
		if (stored == null) {
			return new TaskStatus(id, TaskState.PENDING.name(), null, null);
		}
		String state = stored.state().name();
		if (stored.state().isException()) {
			return new TaskStatus(id, state, null, Error.of(stored.result(), stored.traceback()));
		}
		if (stored.state().equals(TaskState.SUCCESS)) {
			JsonNode result = stored.result();
			return new TaskStatus(id, state, (result != null) ? result : NullNode.getInstance(), null);
		}
		return new TaskStatus(id, state, null, null);
	}

	/**
	 * A remote exception as Celery stores it.
	 *
	 * @param type the exception's type ({@code exc_type})
	 * @param module its module or package ({@code exc_module})
	 * @param message its message: its single argument, or all of them
	 * @param traceback the formatted traceback
	 */
	public record Error(String type, @Nullable String module, String message, @Nullable String traceback) {

		static Error of(@Nullable JsonNode exception, @Nullable String traceback) {
			if (exception == null || !exception.isObject()) {
				return new Error("UnknownError", null, (exception != null) ? exception.toString() : "", traceback);
			}
			JsonNode module = exception.get("exc_module");
			return new Error(exception.path("exc_type").asString("UnknownError"),
					(module != null && !module.isNull()) ? module.asString() : null,
					message(exception.get("exc_message")), traceback);
		}

		private static String message(@Nullable JsonNode message) {
			if (message == null || message.isNull()) {
				return "";
			}
			if (!message.isArray()) {
				return message.isString() ? message.asString() : message.toString();
			}
			List<String> arguments = new ArrayList<>();
			message.forEach((argument) -> arguments.add(argument.isString() ? argument.asString() : argument.toString()));
			return (arguments.size() == 1) ? arguments.get(0) : String.join(", ", arguments);
		}

	}

}
