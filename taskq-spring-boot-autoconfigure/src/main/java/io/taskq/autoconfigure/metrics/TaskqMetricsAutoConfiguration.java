package io.taskq.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.taskq.metrics.BeatMetrics;
import io.taskq.metrics.TaskqMetrics;

/**
 * taskq's Micrometer meters, of tasks and of periodic tasks, bound to every registry Boot configures.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
public final class TaskqMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskqMetrics taskqMetrics() {
		return new TaskqMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	BeatMetrics taskqBeatMetrics() {
		return new BeatMetrics();
	}

}
