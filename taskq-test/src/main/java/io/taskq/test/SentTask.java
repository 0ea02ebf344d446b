package io.taskq.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;

/**
 * A task the kit recorded: what a broker would have received. The arguments are read back from the encoded
 * message, so they are what a worker would bind, as plain JSON types (maps, lists, strings, numbers, booleans).
 *
 * @param task the task name
 * @param id the task id
 * @param args the positional arguments
 * @param kwargs the keyword arguments
 * @param queue the queue the task was routed to
 * @param eta when the task was due, or {@code null} to run at once
 * @param countdown the delay the task was sent with (from a countdown, an ETA or a retry), or {@code null}
 * @param retries how many times the task was retried before this message
 * @param parentId the id of the task that sent this one, or {@code null} if sent outside a task
 * @param message the message as encoded in Celery protocol v2
 */
public record SentTask(String task, String id, List<@Nullable Object> args, Map<String, @Nullable Object> kwargs,
		String queue, @Nullable Instant eta, @Nullable Duration countdown, int retries, @Nullable String parentId,
		WireMessage message) {

	@Override
	public String toString() {
		return this.task + "[" + this.id + "] args=" + this.args + " kwargs=" + this.kwargs;
	}

}
