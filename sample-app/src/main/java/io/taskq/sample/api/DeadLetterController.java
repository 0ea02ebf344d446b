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

import io.taskq.deadletter.DeadLetter;
import io.taskq.deadletter.DeadLetterOperations;

/**
 * Tasks that failed for good: list them, and re-drive one or all once the cause is fixed.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

	private final DeadLetterOperations deadLetters;

	public DeadLetterController(DeadLetterOperations deadLetters) {
		this.deadLetters = deadLetters;
	}

	/**
	 * The most recent dead letters, newest first.
	 * @param limit how many at most
	 * @return the dead letters
	 */
	@GetMapping
	public List<DeadLetter> list(@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("'limit' must be between 1 and 1000");
		}
		return this.deadLetters.list(limit);
	}

	/**
	 * Send one dead-lettered task again.
	 * @param taskId the task id
	 * @return 202, or 404 if there is no such dead letter
	 */
	@PostMapping("/{taskId}/redrive")
	public ResponseEntity<Map<String, String>> redrive(@PathVariable String taskId) {
		return this.deadLetters.redrive(taskId) ? ResponseEntity.accepted().body(Map.of("id", taskId))
				: ResponseEntity.notFound().build();
	}

	/**
	 * Send every dead-lettered task again.
	 * @return how many were re-driven
	 */
	@PostMapping("/redrive")
	public Map<String, Integer> redriveAll() {
		return Map.of("redriven", this.deadLetters.redriveAll());
	}

}
