package io.taskq.sample.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.taskq.core.FailedTaskOperations;
import io.taskq.store.FailedTask;

/**
 * Tasks that failed for good: list them, and re-drive one or all once the cause is fixed.
 */
@RestController
@RequestMapping("/api/failed-tasks")
public class FailedTaskController {

	private final FailedTaskOperations failedTasks;

	public FailedTaskController(FailedTaskOperations failedTasks) {
		this.failedTasks = failedTasks;
	}

	/**
	 * The most recent failed tasks, newest first.
	 * @param limit how many at most
	 * @return the failed tasks
	 */
	@GetMapping
	public List<FailedTask> list(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("'limit' must be between 1 and 1000");
		}
		return this.failedTasks.list(limit);
	}

	/**
	 * Send one failed task again.
	 * @param taskId the task id
	 * @return 202, or 404 if there is no such failed task
	 */
	@PostMapping("/{taskId}/redrive")
	public ResponseEntity<Map<String, String>> redrive(@PathVariable String taskId) {
		return this.failedTasks.redrive(taskId) ? ResponseEntity.accepted().body(Map.of("id", taskId))
				: ResponseEntity.notFound().build();
	}

	/**
	 * Send every failed task again.
	 * @return how many were re-driven
	 */
	@PostMapping("/redrive")
	public Map<String, Integer> redriveAll() {
		return Map.of("redriven", this.failedTasks.redriveAll());
	}

}
