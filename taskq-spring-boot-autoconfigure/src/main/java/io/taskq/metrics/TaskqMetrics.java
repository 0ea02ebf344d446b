package io.taskq.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskSendListener;
import io.taskq.core.TaskTemplate;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskLifecycleListener;
import io.taskq.worker.TaskOutcome;

/**
 * taskq's Micrometer meters:
 * <ul>
 * <li>{@code taskq.tasks.sent} (counter; tags {@code task}, {@code queue}): task messages published and
 * confirmed;</li>
 * <li>{@code taskq.task.execution} (timer; tags {@code task}, {@code outcome} = success, failure or
 * rejected): handler runs;</li>
 * <li>{@code taskq.tasks.running} (gauge): tasks running in this process now;</li>
 * <li>{@code taskq.task.queue.wait} (timer; tag {@code task}): time from send to start, for messages that
 * carry their send time (those sent by taskq);</li>
 * <li>{@code taskq.messages.dead.lettered} (counter; tag {@code reason}): messages moved to the dead-letter
 * queue. Not tagged by task name: a dead-lettered message's name is untrusted input.</li>
 * </ul>
 */
public class TaskqMetrics implements TaskSendListener, TaskLifecycleListener, MeterBinder {

	private final AtomicInteger running = new AtomicInteger();

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("taskq.tasks.running", this.running, AtomicInteger::get)
			.description("Tasks running in this process")
			.register(registry);
		this.registry = registry;
	}

	@Override
	public void taskSent(OutgoingTask task) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter.builder("taskq.tasks.sent")
				.description("Task messages published and confirmed by the broker")
				.tag("task", task.taskName())
				.tag("queue", task.queue())
				.register(registry)
				.increment();
		}
	}

	@Override
	public void taskStarted(TaskExecution execution) {
		this.running.incrementAndGet();
		MeterRegistry registry = this.registry;
		Object sentAt = execution.message().extraHeaders().get(TaskTemplate.SENT_AT_HEADER);
		if (registry != null && sentAt instanceof Number millis) {
			Duration queueWait = Duration.ofMillis(System.currentTimeMillis() - millis.longValue());
			Timer.builder("taskq.task.queue.wait")
				.description("Time from send to start")
				.tag("task", execution.message().task())
				.register(registry)
				.record(queueWait.isNegative() ? Duration.ZERO : queueWait);
		}
	}

	@Override
	public void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
		MeterRegistry registry = this.registry;
		if (execution.handlerRan()) {
			this.running.decrementAndGet();
			if (registry != null) {
				Timer.builder("taskq.task.execution")
					.description("Task handler runs")
					.tag("task", execution.message().task())
					.tag("outcome", outcomeTag(outcome))
					.register(registry)
					.record(execution.handlerDuration());
			}
		}
		if (outcome instanceof TaskOutcome.Rejected rejected && registry != null) {
			Counter.builder("taskq.messages.dead.lettered")
				.description("Messages moved to the dead-letter queue")
				.tag("reason", rejected.reason())
				.register(registry)
				.increment();
		}
	}

	private static String outcomeTag(TaskOutcome outcome) {
		if (outcome instanceof TaskOutcome.Succeeded) {
			return "success";
		}
		if (outcome instanceof TaskOutcome.Rejected) {
			return "rejected";
		}
		if (outcome instanceof TaskOutcome.Revoked) {
			return "revoked";
		}
		return "failure";
	}

}
