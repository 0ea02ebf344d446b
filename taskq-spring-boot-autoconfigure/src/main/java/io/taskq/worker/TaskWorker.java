package io.taskq.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import io.taskq.broker.DeliveryHandler;
import io.taskq.broker.TaskBroker;

/**
 * The worker pool: consumes every queue the registered tasks are consumed from, handing each delivery to the
 * pipeline. Started last and stopped first among the context's lifecycle beans, so a stopping worker stops
 * consuming before anything it needs goes away.
 */
public class TaskWorker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(TaskWorker.class);

	private final TaskEndpointRegistry registry;

	private final TaskBroker broker;

	private final DeliveryHandler pipeline;

	private final Map<String, TaskBroker.QueueConsumer> consumers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a worker.
	 * @param registry the tasks it runs
	 * @param broker declares and consumes their queues
	 * @param pipeline handles each delivery
	 */
	public TaskWorker(TaskEndpointRegistry registry, TaskBroker broker, DeliveryHandler pipeline) {
		this.registry = registry;
		this.broker = broker;
		this.pipeline = pipeline;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		Set<String> queues = this.registry.getQueues();
		for (String queue : queues) {
			this.broker.declare(queue);
			TaskBroker.QueueConsumer consumer = this.broker.consume(queue, this.pipeline);
			consumer.start();
			this.consumers.put(queue, consumer);
		}
		this.running = true;
		if (!queues.isEmpty()) {
			logger.info("taskq worker consuming " + queues + " for tasks "
					+ this.registry.getEndpoints().stream().map(TaskEndpoint::name).toList());
		}
	}

	@Override
	public void stop() {
		List<TaskBroker.QueueConsumer> stopping;
		synchronized (this) {
			stopping = new ArrayList<>(this.consumers.values());
		}
		stopping.parallelStream().forEach(TaskBroker.QueueConsumer::stop);
		synchronized (this) {
			this.consumers.clear();
			this.running = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The consumers by queue name, once started.
	 * @return the consumers
	 */
	public synchronized Map<String, TaskBroker.QueueConsumer> getConsumers() {
		return Collections.unmodifiableMap(new LinkedHashMap<>(this.consumers));
	}

}
