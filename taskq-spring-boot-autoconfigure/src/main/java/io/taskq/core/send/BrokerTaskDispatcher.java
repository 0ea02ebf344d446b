package io.taskq.core.send;

import java.time.Instant;

import io.taskq.broker.TaskBroker;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskDispatcher;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.store.TaskSchedule;

/**
 * The default {@link TaskDispatcher}: encodes the message and publishes it through the {@link TaskBroker} with the
 * broker's confirm, or, when its ETA is still to come (a countdown or an ETA), puts it on the durable
 * {@link TaskSchedule}, which publishes it when due.
 */
public class BrokerTaskDispatcher implements TaskDispatcher {

	private final TaskBroker broker;

	private final TaskSchedule schedule;

	private final TaskMessageCodec codec;

	/**
	 * Create the dispatcher.
	 * @param broker publishes messages due now
	 * @param schedule holds messages due later
	 * @param codec encodes messages
	 */
	public BrokerTaskDispatcher(TaskBroker broker, TaskSchedule schedule, TaskMessageCodec codec) {
		this.broker = broker;
		this.schedule = schedule;
		this.codec = codec;
	}

	@Override
	public void dispatch(OutgoingTask task) {
		TaskMessage message = task.message();
		Instant eta = message.eta();
		if (eta != null && eta.isAfter(task.sentAt())) {
			this.schedule.schedule(task.queue(), this.codec.encode(message), eta, task.taskId());
		}
		else {
			this.broker.publish(task.taskId(), task.queue(), this.codec.encode(message));
		}
	}

}
