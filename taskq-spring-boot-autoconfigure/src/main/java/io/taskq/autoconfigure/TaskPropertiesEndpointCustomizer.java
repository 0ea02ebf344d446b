package io.taskq.autoconfigure;

import java.util.Map;

import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TimeLimits;

/**
 * Applies the {@code taskq.tasks.<name>.*} properties to the endpoint of each task: a setting overrides the
 * handler's own where it is set.
 */
public final class TaskPropertiesEndpointCustomizer implements TaskEndpointCustomizer {

	private final Map<String, TaskqProperties.Task> tasks;

	/**
	 * Create a customizer.
	 * @param tasks the settings by task name
	 */
	public TaskPropertiesEndpointCustomizer(Map<String, TaskqProperties.Task> tasks) {
		this.tasks = tasks;
	}

	@Override
	public TaskEndpoint customize(TaskEndpoint declared) {
		TaskqProperties.Task task = this.tasks.get(declared.name());
		if (task == null) {
			return declared;
		}
		TimeLimits limits = declared.timeLimits();
		return new TaskEndpoint(declared.name(), declared.queue(), declared.beanName(), declared.bean(),
				declared.method(), declared.storeResult(), retryPolicy(task, declared.retryPolicy()),
				new TimeLimits((task.getTimeLimit() != null) ? task.getTimeLimit() : limits.hard(),
						(task.getSoftTimeLimit() != null) ? task.getSoftTimeLimit() : limits.soft()),
				(task.getAcksLate() != null) ? task.getAcksLate() : declared.acksLate(), declared.rateLimit(),
				exclusivePolicy(task, declared.name(), declared.exclusive()),
				(task.getResultExpires() != null) ? task.getResultExpires() : declared.resultExpires());
	}

	private static RetryPolicy retryPolicy(TaskqProperties.Task task, RetryPolicy declared) {
		return new RetryPolicy((task.getAutoRetryFor() != null) ? task.getAutoRetryFor() : declared.retryOn(),
				(task.getMaxRetries() != null) ? task.getMaxRetries() : declared.maxRetries(),
				(task.getRetryDelay() != null) ? task.getRetryDelay() : declared.delay(),
				(task.getRetryBackoff() != null) ? task.getRetryBackoff() : declared.backoff(),
				(task.getRetryBackoffMax() != null) ? task.getRetryBackoffMax() : declared.backoffMax(),
				(task.getRetryJitter() != null) ? task.getRetryJitter() : declared.jitter());
	}

	private static ExclusivePolicy exclusivePolicy(TaskqProperties.Task task, String name,
			ExclusivePolicy declared) {
		if (task.getExclusiveKey() == null && task.getOnConflict() == null && task.getExclusiveLease() == null
				&& task.getConflictRetryDelay() == null) {
			return declared;
		}
		return ExclusivePolicy.of(name, (task.getExclusiveKey() != null) ? task.getExclusiveKey() : declared.key(),
				(task.getOnConflict() != null) ? task.getOnConflict() : declared.onConflict(),
				(task.getExclusiveLease() != null) ? task.getExclusiveLease() : declared.lease(),
				(task.getConflictRetryDelay() != null) ? task.getConflictRetryDelay() : declared.retryDelay());
	}

}
