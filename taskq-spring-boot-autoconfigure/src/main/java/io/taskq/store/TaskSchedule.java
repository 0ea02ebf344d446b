package io.taskq.store;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;

/**
 * The durable schedule of delayed task messages (countdowns, ETAs, retries, deferred runs): nothing delayed waits
 * in a worker's memory. A due entry is published by whichever promoter claims it; a claim is a lease on the entry
 * that lapses unless the entry is {@link #complete completed}, so a promoter that dies leaves nothing behind.
 */
public interface TaskSchedule {

	/**
	 * Put a message on the schedule.
	 * @param queue the queue to publish it to when due
	 * @param message the message, published unchanged when due
	 * @param due when it is due
	 * @param taskId the task id
	 * @return the entry id
	 */
	String schedule(String queue, WireMessage message, Instant due, String taskId);

	/**
	 * Atomically claim up to {@code limit} due entries until {@code leaseUntil}.
	 * @param now the current time
	 * @param leaseUntil when the claim lapses unless the entries are completed
	 * @param limit the most entries to claim
	 * @return the claimed entries
	 */
	List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit);

	/**
	 * Move an entry's due time, if it is still on the schedule.
	 * @param entryId the entry id
	 * @param due the new due time
	 * @return whether the entry was there
	 */
	boolean postpone(String entryId, Instant due);

	/**
	 * Remove entries, once published.
	 * @param entryIds the entry ids
	 */
	void complete(List<String> entryIds);

	/**
	 * How many entries are on the schedule, due or not.
	 * @return the size
	 */
	long size();

	/**
	 * The due time of the earliest entry.
	 * @return the earliest due time, or {@code null} if the schedule is empty
	 */
	@Nullable Instant nextDue();

	/**
	 * A claimed entry.
	 *
	 * @param entryId the entry id, to {@link #complete} it
	 * @param taskId the task id of the message
	 * @param queue the queue to publish to
	 * @param message the message
	 */
	record ScheduledMessage(String entryId, String taskId, String queue, WireMessage message) {
	}

}
