package io.taskq.core.send;

import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;
import io.taskq.protocol.TaskMessage;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.store.fake.InMemoryRevocationStore;

/**
 * Sends in flight for unit tests of the producer's steps: a request's task, with an empty message, sent at
 * {@link #NOW}, handing out handles on an empty {@link InMemoryResultStore}.
 */
public final class OutgoingTasks {

	/** The time sends start at. */
	public static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	private OutgoingTasks() {
	}

	/**
	 * A send of a request, as the id the request names, else {@code task-1}.
	 * @param request the request
	 * @return the send in flight
	 */
	public static OutgoingTask of(TaskRequest request) {
		String taskId = (request.taskId() != null) ? request.taskId() : "task-1";
		return new OutgoingTask(request, taskId, NOW, TaskMessage.builder(request.task(), taskId),
				(id) -> new TaskHandle(id, new InMemoryResultStore(), JsonMapper.builder().build(),
						new InMemoryRevocationStore()));
	}

	/**
	 * A send of a task with no arguments.
	 * @param task the task name
	 * @return the send in flight
	 */
	public static OutgoingTask of(String task) {
		return of(TaskRequest.builder(task).build());
	}

}
