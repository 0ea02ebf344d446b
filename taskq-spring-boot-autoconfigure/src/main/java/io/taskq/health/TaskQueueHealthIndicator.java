package io.taskq.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.taskq.broker.TaskBroker;
import io.taskq.worker.TaskWorker;


/**
 * Health of taskq's workers: for each queue, whether its listener container is running and how many
 * consumers it has. DOWN when a started worker has a container that stopped or has no active consumer (a
 * worker that silently stopped consuming). UNKNOWN-free: a worker that has not started yet, or that has no
 * handlers, is UP with no queues.
 */
public class TaskQueueHealthIndicator extends AbstractHealthIndicator {

	private final TaskWorker worker;

	/**
	 * Create an indicator.
	 * @param worker the worker whose consumers it reports
	 */
	public TaskQueueHealthIndicator(TaskWorker worker) {
		super("taskq health check failed");
		this.worker = worker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> queues = new LinkedHashMap<>();
		boolean healthy = true;
		for (Map.Entry<String, TaskBroker.QueueConsumer> entry : this.worker.getConsumers().entrySet()) {
			TaskBroker.QueueConsumer consumer = entry.getValue();
			int consumers = consumer.activeConsumers();
			boolean consuming = consumer.isRunning() && consumers > 0;
			healthy &= consuming;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("running", consumer.isRunning());
			details.put("consumers", consumers);
			details.put("status", consuming ? "UP" : "DOWN");
			queues.put(entry.getKey(), details);
		}
		if (this.worker.isRunning() && !healthy) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("queues", queues);
	}

}
