package io.taskq.store.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;
import io.taskq.store.TaskSchedule;

/**
 * A {@link TaskSchedule} in memory, for unit tests: entries with ids {@code entry-1}, {@code entry-2}, ... in the
 * order they were scheduled.
 */
public class InMemoryTaskSchedule implements TaskSchedule {

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final List<String> completed = new ArrayList<>();

	private int nextId;

	@Override
	public synchronized String schedule(String queue, WireMessage message, Instant due, String taskId) {
		String entryId = "entry-" + (++this.nextId);
		this.entries.put(entryId, new Entry(entryId, queue, message, due, taskId));
		return entryId;
	}

	@Override
	public synchronized List<ScheduledMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
		List<ScheduledMessage> claimed = new ArrayList<>();
		for (Entry entry : sortedByDue()) {
			if (claimed.size() == limit || entry.due().isAfter(now)) {
				break;
			}
			this.entries.put(entry.entryId(), entry.withDue(leaseUntil));
			claimed.add(new ScheduledMessage(entry.entryId(), entry.taskId(), entry.queue(), entry.message()));
		}
		return claimed;
	}

	@Override
	public synchronized boolean postpone(String entryId, Instant due) {
		Entry entry = this.entries.get(entryId);
		if (entry == null) {
			return false;
		}
		this.entries.put(entryId, entry.withDue(due));
		return true;
	}

	@Override
	public synchronized void complete(List<String> entryIds) {
		entryIds.forEach(this.entries::remove);
		this.completed.addAll(entryIds);
	}

	@Override
	public synchronized long size() {
		return this.entries.size();
	}

	@Override
	public synchronized @Nullable Instant nextDue() {
		List<Entry> sorted = sortedByDue();
		return sorted.isEmpty() ? null : sorted.get(0).due();
	}

	/**
	 * The entries on the schedule, in the order they were scheduled.
	 * @return the entries
	 */
	public synchronized List<Entry> entries() {
		return List.copyOf(this.entries.values());
	}

	/**
	 * The ids of the entries completed, in order.
	 * @return the entry ids
	 */
	public synchronized List<String> completed() {
		return List.copyOf(this.completed);
	}

	private List<Entry> sortedByDue() {
		return this.entries.values().stream().sorted(Comparator.comparing(Entry::due)).toList();
	}

	/**
	 * An entry on the schedule.
	 *
	 * @param entryId the entry id
	 * @param queue the queue to publish to when due
	 * @param message the message
	 * @param due when it is due
	 * @param taskId the task id
	 */
	public record Entry(String entryId, String queue, WireMessage message, Instant due, String taskId) {

		Entry withDue(Instant due) {
			return new Entry(this.entryId, this.queue, this.message, due, this.taskId);
		}

	}

}
