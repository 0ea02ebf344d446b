package io.taskq.deadletter;

import java.util.List;
import java.util.Optional;

/**
 * Failed tasks kept for inspection and re-driving. Every task that ends in FAILURE after its last attempt
 * (its retries used up, or none configured) is kept, with its message, for {@code taskq.dead-letter.retention}.
 */
public interface DeadLetterOperations {

	/**
	 * The most recent dead letters, newest first.
	 * @param limit how many at most
	 * @return the dead letters
	 */
	List<DeadLetter> list(int limit);

	/**
	 * One dead letter.
	 * @param taskId the task id
	 * @return the dead letter, if kept
	 */
	Optional<DeadLetter> get(String taskId);

	/**
	 * Send a dead-lettered task again, with its retries reset to zero, and forget it here.
	 * @param taskId the task id
	 * @return whether there was such a dead letter
	 */
	boolean redrive(String taskId);

	/**
	 * Re-drive every dead letter.
	 * @return how many were re-driven
	 */
	int redriveAll();

	/**
	 * Forget a dead letter without re-driving it.
	 * @param taskId the task id
	 * @return whether there was such a dead letter
	 */
	boolean delete(String taskId);

}
