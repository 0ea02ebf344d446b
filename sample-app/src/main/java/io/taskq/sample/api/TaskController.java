package io.taskq.sample.api;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;

/**
 * Enqueue any task by name, including one only a Python worker knows, and read its state. Reading never waits.
 */
@RestController
@RequestMapping("/api/tasks")
public class TaskController {

	private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,199}");

	private final TaskOperations tasks;

	public TaskController(TaskOperations tasks) {
		this.tasks = tasks;
	}

	/**
	 * Send a task.
	 * @param name the task name
	 * @param body {@code {"args": [...], "kwargs": {...}, "queue": "..."}}, all optional
	 * @return 202 with the task id
	 */
	@PostMapping("/{name}")
	public ResponseEntity<Map<String, String>> enqueue(@PathVariable String name,
			@RequestBody(required = false) @Nullable JsonNode body) {
		if (!TASK_NAME.matcher(name).matches()) {
			throw new InvalidRequestException("Invalid task name '" + name
					+ "': use letters, digits and '_', '.', ':' or '-', starting with a letter or '_'");
		}
		TaskHandle handle = this.tasks.send(EnqueueRequest.from(body).toTaskRequest(name));
		return ResponseEntity.accepted()
			.location(URI.create("/api/tasks/" + handle.id()))
			.body(Map.of("id", handle.id()));
	}

	/**
	 * Read a task's state, and its result or error once it finished.
	 * @param id the task id
	 * @return the task's status
	 */
	@GetMapping("/{id}")
	public TaskStatus status(@PathVariable String id) {
		return TaskStatus.of(id, this.tasks.handle(id).result());
	}

}
