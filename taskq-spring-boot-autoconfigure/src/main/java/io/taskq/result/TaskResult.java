package io.taskq.result;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A task's state and outcome as stored in Celery's result format ({@code celery-task-meta-<id>}).
 *
 * @param taskId the task id
 * @param state the state
 * @param result the return value for SUCCESS, the exception object ({@code exc_type}, {@code exc_message},
 * {@code exc_module}) for RETRY, FAILURE and REVOKED, {@code {"pid", "hostname"}} for STARTED
 * @param traceback formatted traceback for RETRY and FAILURE
 * @param children result tuples of tasks sent from inside this task, or {@code null}
 * @param dateDone when a ready state was reached
 * @param groupId id of the group the task belongs to
 * @param parentId id of the task that sent this one
 * @param extended the extended fields (name, args, kwargs, worker, retries, queue), or {@code null}
 */
public record TaskResult(String taskId, TaskState state, @Nullable JsonNode result, @Nullable String traceback,
		@Nullable JsonNode children, @Nullable OffsetDateTime dateDone, @Nullable String groupId,
		@Nullable String parentId, @Nullable Extended extended) {

	/**
	 * Whether the task has finished for good.
	 * @return whether the state is ready
	 */
	public boolean isReady() {
		return this.state.isReady();
	}

	/**
	 * Celery's extended result fields ({@code result_extended}).
	 *
	 * @param name the task name
	 * @param args positional arguments
	 * @param kwargs keyword arguments
	 * @param worker worker node name
	 * @param retries retries so far
	 * @param queue queue (routing key) the task came from
	 */
	public record Extended(@Nullable String name, @Nullable JsonNode args, @Nullable JsonNode kwargs,
			@Nullable String worker, @Nullable Integer retries, @Nullable String queue) {
	}

}
