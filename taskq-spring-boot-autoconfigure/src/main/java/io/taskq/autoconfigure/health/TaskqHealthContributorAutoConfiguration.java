package io.taskq.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.taskq.autoconfigure.TaskqAutoConfiguration;
import io.taskq.health.TaskQueueHealthIndicator;
import io.taskq.worker.TaskWorker;

/**
 * Health contributor {@code taskq}: the state of the worker's listener containers. Off with
 * {@code management.health.taskq.enabled=false}.
 */
@AutoConfiguration(after = TaskqAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TaskWorker.class)
@ConditionalOnEnabledHealthIndicator("taskq")
public final class TaskqHealthContributorAutoConfiguration {

	@Bean(name = "taskqHealthIndicator")
	@ConditionalOnMissingBean(name = "taskqHealthIndicator")
	TaskQueueHealthIndicator taskqHealthIndicator(TaskWorker worker) {
		return new TaskQueueHealthIndicator(worker);
	}

}
