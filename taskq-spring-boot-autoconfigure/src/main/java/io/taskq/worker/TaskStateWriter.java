package io.taskq.worker;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.ResultStore;

/**
 * Writes a task's states in Celery's result format (with the extended fields when {@code taskq.result.extended}
 * is on), waiting out an outage of the result store: the one place the worker stores states, for the pipeline's
 * steps and its outcome handlers alike.
 */
public class TaskStateWriter {

	private final ResultStore resultStore;

	private final TaskWorkerSettings settings;

	/**
	 * Create a writer.
	 * @param resultStore where states go
	 * @param settings the node name, how long states are kept, and whether results are extended
	 */
	public TaskStateWriter(ResultStore resultStore, TaskWorkerSettings settings) {
		this.resultStore = resultStore;
		this.settings = settings;
	}

	/**
	 * Store a state of a task that runs or ran (STARTED, RETRY, SUCCESS, FAILURE, or a state of its own making),
	 * kept as long as the task's results are. Every state but STARTED carries the task's children; a ready state
	 * carries the time it was done.
	 * @param execution the execution
	 * @param state the state
	 * @param value the result, exception object or meta data
	 * @param traceback the traceback, or {@code null}
	 */
	public void write(TaskExecution execution, TaskState state, @Nullable JsonNode value, @Nullable String traceback) {
		Duration expires = (execution.endpoint().resultExpires() != null) ? execution.endpoint().resultExpires()
				: this.settings.resultExpires();
		ArrayNode children = TaskState.STARTED.equals(state) ? null : children(execution);
		store(result(execution, state, value, traceback, children, state.isReady()), expires);
	}

	/**
	 * Store REVOKED, with Celery's {@code TaskRevokedError(reason)} and no children ({@code []}, as Celery's worker
	 * writes it), kept for {@code taskq.result.expires}.
	 * @param execution the execution
	 * @param error the exception object
	 */
	public void writeRevoked(TaskExecution execution, ObjectNode error) {
		store(result(execution, TaskState.REVOKED, error, null, JsonNodeFactory.instance.arrayNode(), true),
				this.settings.resultExpires());
	}

	/**
	 * Store the FAILURE of a message that cannot run, by its task id alone.
	 * @param taskId the task id
	 * @param error the exception object
	 * @param traceback the traceback
	 */
	public void writeRejected(String taskId, ObjectNode error, String traceback) {
		store(new TaskResult(taskId, TaskState.FAILURE, error, traceback, JsonNodeFactory.instance.arrayNode(),
				OffsetDateTime.now(ZoneOffset.UTC), null, null, null), this.settings.resultExpires());
	}

	private void store(TaskResult result, Duration expires) {
		StoreCalls.untilDone("store the outcome of task", result.taskId(),
				() -> this.resultStore.store(result, expires));
	}

	private TaskResult result(TaskExecution execution, TaskState state, @Nullable JsonNode value,
			@Nullable String traceback, @Nullable ArrayNode children, boolean done) {
		TaskMessage message = execution.message();
		TaskResult.Extended extended = this.settings.extendedResults()
				? new TaskResult.Extended(message.task(), message.args(), message.kwargs(), this.settings.nodeName(),
						message.retries(), execution.queue())
				: null;
		return new TaskResult(message.id(), state, value, traceback, children,
				done ? OffsetDateTime.now(ZoneOffset.UTC) : null, message.group(), message.parentId(), extended);
	}

	private static ArrayNode children(TaskExecution execution) {
		ArrayNode children = JsonNodeFactory.instance.arrayNode();
		for (String id : execution.context().getChildren()) {
			ArrayNode tuple = children.addArray();
			tuple.addArray().add(id).addNull();
			tuple.addNull();
		}
		return children;
	}

}
