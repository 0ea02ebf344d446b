package io.taskq.core.send;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;
import io.taskq.store.TaskSchedule;

/**
 * A {@link TaskSchedule} that records what is put on it, for unit tests of the producer.
 */
public class FakeTaskSchedule implements TaskSchedule {

	private final List<Entry> entries = new CopyOnWriteArrayList<>();

	/**
	 * The entries put on the schedule so far.
	 * @return the entries, in order
	 */
	public List<Entry> entries() {
		return List.copyOf(this.entries);
	}

	@Override
	public String schedule(String queue, WireMessage message, Instant due, String taskId) {
		this.entries.add(new Entry(queue, message, due, taskId));
		return "entry-" + this.entries.size();
	}

	@Override
	public List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
		throw new UnsupportedOperationException("The producer does not promote");
	}

	@Override
	public boolean postpone(String entryId, Instant due) {
		throw new UnsupportedOperationException("The producer does not postpone");
	}

	@Override
	public void complete(List<String> entryIds) {
		throw new UnsupportedOperationException("The producer does not promote");
	}

	@Override
	public long size() {
		return this.entries.size();
	}

	@Override
	public @Nullable Instant nextDue() {
		return this.entries.stream().map(Entry::due).min(Instant::compareTo).orElse(null);
	}

	/**
	 * An entry on the schedule.
	 *
	 * @param queue the queue to publish to
	 * @param message the message
	 * @param due when it is due
	 * @param taskId the task id
	 */
	public record Entry(String queue, WireMessage message, Instant due, String taskId) {
	}

}
