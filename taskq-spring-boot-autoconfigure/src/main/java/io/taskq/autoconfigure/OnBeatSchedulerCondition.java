package io.taskq.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches where the scheduler of periodic tasks runs: {@code taskq.beat.enabled} if set, else wherever the worker is
 * on ({@code taskq.worker.enabled}, default true).
 */
class OnBeatSchedulerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		Boolean beat = environment.getProperty("taskq.beat.enabled", Boolean.class);
		if (beat != null) {
			return new ConditionOutcome(beat, "taskq.beat.enabled is " + beat);
		}
		boolean worker = environment.getProperty("taskq.worker.enabled", Boolean.class, true);
		return new ConditionOutcome(worker, "taskq.beat.enabled is not set and the worker is " + (worker ? "on" : "off"));
	}

}
