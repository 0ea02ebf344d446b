package io.taskq.core;

import java.util.List;
import java.util.Optional;

import io.taskq.broker.TaskBroker;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.protocol.WireMessage;
import io.taskq.store.FailedTask;
import io.taskq.store.FailedTaskStore;
import io.taskq.store.ResultStore;

/**
 * The default {@link FailedTaskOperations}: reads the {@link FailedTaskStore}, and re-drives a failed task by
 * publishing its message again, with its retries reset, after forgetting its old FAILURE (so that waiters see the
 * new run's outcome, not the stale one).
 */
public class FailedTaskTemplate implements FailedTaskOperations {

	private final FailedTaskStore failedTasks;

	private final TaskMessageCodec codec;

	private final TaskBroker broker;

	private final ResultStore resultStore;

	/**
	 * Create a template.
	 * @param failedTasks the failed tasks
	 * @param codec decodes and re-encodes their messages
	 * @param broker publishes re-driven tasks
	 * @param resultStore forgets their failures
	 */
	public FailedTaskTemplate(FailedTaskStore failedTasks, TaskMessageCodec codec, TaskBroker broker,
			ResultStore resultStore) {
		this.failedTasks = failedTasks;
		this.codec = codec;
		this.broker = broker;
		this.resultStore = resultStore;
	}

	@Override
	public List<FailedTask> list(int limit) {
		return this.failedTasks.list(limit);
	}

	@Override
	public Optional<FailedTask> get(String taskId) {
		return this.failedTasks.get(taskId);
	}

	@Override
	public boolean redrive(String taskId) {
		Optional<FailedTask> failure = this.failedTasks.get(taskId);
		Optional<WireMessage> stored = this.failedTasks.message(taskId);
		if (failure.isEmpty() || stored.isEmpty()) {
			return false;
		}
		TaskMessage message = this.codec.decode(stored.get()).toBuilder().retries(0).eta(null).build();
		this.resultStore.delete(taskId);
		this.broker.publish(taskId, failure.get().queue(), this.codec.encode(message));
		return this.failedTasks.delete(taskId);
	}

	@Override
	public int redriveAll() {
		int redriven = 0;
		List<FailedTask> batch;
		while (!(batch = list(100)).isEmpty()) {
			for (FailedTask failure : batch) {
				if (redrive(failure.taskId())) {
					redriven++;
				}
			}
		}
		return redriven;
	}

	@Override
	public boolean delete(String taskId) {
		return this.failedTasks.delete(taskId);
	}

}
