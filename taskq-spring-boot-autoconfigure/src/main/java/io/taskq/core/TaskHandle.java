package io.taskq.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.taskq.TaskqException;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;

/**
 * A handle on a sent task: its id, its state and its result. Waiting is driven by the result store's
 * notifications, not by polling.
 */
public final class TaskHandle {

	private final String id;

	private final ResultStore resultStore;

	private final ObjectMapper objectMapper;

	private final RevocationStore revocationStore;

	public TaskHandle(String id, ResultStore resultStore, ObjectMapper objectMapper,
			RevocationStore revocationStore) {
		this.id = id;
		this.resultStore = resultStore;
		this.objectMapper = objectMapper;
		this.revocationStore = revocationStore;
	}

	/**
	 * The task id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The task's current state; {@link TaskState#PENDING} when nothing is stored yet.
	 * @return the state
	 */
	public TaskState state() {
		TaskResult result = this.resultStore.get(this.id);
		return (result != null) ? result.state() : TaskState.PENDING;
	}

	/**
	 * Whether the task has finished (SUCCESS, FAILURE or REVOKED).
	 * @return whether the task is ready
	 */
	public boolean isReady() {
		return state().isReady();
	}

	/**
	 * The stored state and outcome as they are now, without waiting.
	 * @return the stored result, or {@code null} while PENDING
	 */
	public @Nullable TaskResult result() {
		return this.resultStore.get(this.id);
	}

	/**
	 * Wait for the task's result and return it as plain JSON types (maps, lists, strings, numbers, booleans).
	 * @param timeout how long to wait at most
	 * @return the result
	 * @throws TaskFailedException if the task failed or was revoked
	 * @throws TaskTimeoutException if the task did not finish in time
	 */
	public @Nullable Object get(Duration timeout) {
		return get(timeout, Object.class);
	}

	/**
	 * Wait for the task's result and convert it to the given type.
	 * @param <T> the result type
	 * @param timeout how long to wait at most
	 * @param type the result type
	 * @return the result
	 * @throws TaskFailedException if the task failed or was revoked
	 * @throws TaskTimeoutException if the task did not finish in time
	 */
	public <T> @Nullable T get(Duration timeout, Class<T> type) {
		return convert(await(timeout), this.objectMapper.constructType(type));
	}

	/**
	 * Wait for the task's result and convert it to the given generic type.
	 * @param <T> the result type
	 * @param timeout how long to wait at most
	 * @param type the result type
	 * @return the result
	 * @throws TaskFailedException if the task failed or was revoked
	 * @throws TaskTimeoutException if the task did not finish in time
	 */
	public <T> @Nullable T get(Duration timeout, TypeReference<T> type) {
		return convert(await(timeout), this.objectMapper.constructType(type));
	}

	/**
	 * Revoke the task, as {@link TaskOperations#revoke(String)} does.
	 */
	public void revoke() {
		revoke(false);
	}

	/**
	 * Revoke the task, as {@link TaskOperations#revoke(String, boolean)} does.
	 * @param terminate whether to interrupt the task if it is running
	 */
	public void revoke(boolean terminate) {
		this.revocationStore.revoke(this.id, terminate);
	}

	/**
	 * Forget the task's stored state.
	 */
	public void forget() {
		this.resultStore.delete(this.id);
	}

	private TaskResult await(Duration timeout) {
		TaskResult result;
		try {
			result = this.resultStore.awaitReady(this.id, timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TaskqException("Interrupted while waiting for task " + this.id, ex);
		}
		if (result == null) {
			throw new TaskTimeoutException(this.id,
					"Task " + this.id + " was not ready within " + timeout + " (state " + state() + ")");
		}
		if (result.state().isException()) {
			throw failure(result);
		}
		return result;
	}

	private <T> @Nullable T convert(TaskResult result, JavaType type) {
		JsonNode value = result.result();
		if (value == null || value.isNull()) {
			return null;
		}
		return this.objectMapper.convertValue(value, type);
	}

	private TaskFailedException failure(TaskResult result) {
		JsonNode error = result.result();
		String type = "UnknownError";
		String module = null;
		List<Object> arguments = new ArrayList<>();
		if (error != null && error.isObject()) {
			type = error.path("exc_type").asString("UnknownError");
			JsonNode moduleNode = error.get("exc_module");
			module = (moduleNode != null && !moduleNode.isNull()) ? moduleNode.asString() : null;
			JsonNode message = error.get("exc_message");
			if (message != null && message.isArray()) {
				for (JsonNode argument : message) {
					arguments.add(this.objectMapper.convertValue(argument, Object.class));
				}
			}
			else if (message != null && !message.isNull()) {
				arguments.add(this.objectMapper.convertValue(message, Object.class));
			}
		}
		return new TaskFailedException(this.id, result.state(), type, module, arguments, result.traceback());
	}

}
