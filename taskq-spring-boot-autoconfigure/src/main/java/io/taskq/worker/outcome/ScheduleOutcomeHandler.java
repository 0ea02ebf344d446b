package io.taskq.worker.outcome;

import java.util.Objects;

import io.taskq.store.TaskSchedule;
import io.taskq.worker.StoreCalls;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskOutcomeHandler;
import io.taskq.worker.TaskOutcomeHandlerOrder;

/**
 * Puts what runs later on the durable schedule: a deferred message, due when its wait ends, and the next attempt
 * of a retrying task.
 */
public class ScheduleOutcomeHandler implements TaskOutcomeHandler {

	private final TaskSchedule schedule;

	/**
	 * Create the handler.
	 * @param schedule the schedule
	 */
	public ScheduleOutcomeHandler(TaskSchedule schedule) {
		this.schedule = schedule;
	}

	@Override
	public void apply(TaskExecution execution, TaskOutcome outcome) {
		if (outcome instanceof TaskOutcome.Deferred deferred) {
			String queue = Objects.requireNonNull(execution.queue(), "a deferred task has a queue");
			StoreCalls.whileUnavailable("schedule task", execution,
					() -> this.schedule.schedule(queue, deferred.message(), deferred.due(), execution.message().id()));
		}
		else if (outcome instanceof TaskOutcome.Retrying retrying) {
			String queue = Objects.requireNonNull(execution.queue(), "a retrying task has a queue");
			StoreCalls.whileUnavailable("schedule the retry of task", execution, () -> this.schedule.schedule(queue,
					retrying.retryMessage(), retrying.eta(), execution.message().id()));
		}
	}

	@Override
	public int getOrder() {
		return TaskOutcomeHandlerOrder.SCHEDULE;
	}

}
