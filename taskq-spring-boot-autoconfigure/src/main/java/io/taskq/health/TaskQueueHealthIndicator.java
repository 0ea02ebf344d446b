package io.taskq.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.taskq.listener.TaskEndpointRegistry;

/**
 * Health of taskq's workers: for each queue, whether its listener container is running and how many
 * consumers it has. DOWN when a started worker has a container that stopped or has no active consumer (a
 * worker that silently stopped consuming). UNKNOWN-free: a worker that has not started yet, or that has no
 * handlers, is UP with no queues.
 */
public class TaskQueueHealthIndicator extends AbstractHealthIndicator {

	private final TaskEndpointRegistry registry;

	public TaskQueueHealthIndicator(TaskEndpointRegistry registry) {
		super("taskq health check failed");
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> queues = new LinkedHashMap<>();
		boolean healthy = true;
		for (Map.Entry<String, AbstractMessageListenerContainer> entry : this.registry.getContainers().entrySet()) {
			AbstractMessageListenerContainer container = entry.getValue();
			int consumers = (container instanceof SimpleMessageListenerContainer simple)
					? simple.getActiveConsumerCount() : (container.isRunning() ? 1 : 0);
			boolean consuming = container.isRunning() && consumers > 0;
			healthy &= consuming;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("running", container.isRunning());
			details.put("consumers", consumers);
			details.put("status", consuming ? "UP" : "DOWN");
			queues.put(entry.getKey(), details);
		}
		if (this.registry.isRunning() && !healthy) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("queues", queues);
	}

}
