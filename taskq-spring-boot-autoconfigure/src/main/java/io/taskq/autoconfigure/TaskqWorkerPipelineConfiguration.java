package io.taskq.autoconfigure;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.broker.TaskBroker;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.store.FailedTaskStore;
import io.taskq.store.LeaseStore;
import io.taskq.store.RateLimiter;
import io.taskq.store.RedeliveryCounter;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;
import io.taskq.worker.LeaseKeeper;
import io.taskq.worker.RunningTasks;
import io.taskq.worker.TaskStateWriter;
import io.taskq.worker.TaskWorkerSettings;
import io.taskq.worker.outcome.DeadLetterOutcomeHandler;
import io.taskq.worker.outcome.FailedTaskOutcomeHandler;
import io.taskq.worker.outcome.OutcomeLog;
import io.taskq.worker.outcome.RetryElector;
import io.taskq.worker.outcome.ScheduleOutcomeHandler;
import io.taskq.worker.outcome.StateOutcomeHandler;
import io.taskq.worker.step.DeliveryLeaseInterceptor;
import io.taskq.worker.step.EarlyAckInterceptor;
import io.taskq.worker.step.EtaInterceptor;
import io.taskq.worker.step.ExclusiveInterceptor;
import io.taskq.worker.step.ExpiredInterceptor;
import io.taskq.worker.step.PoisonMessageInterceptor;
import io.taskq.worker.step.RateLimitInterceptor;
import io.taskq.worker.step.RevokedInterceptor;
import io.taskq.worker.step.StartedStateInterceptor;
import io.taskq.worker.step.TerminationInterceptor;
import io.taskq.worker.step.TimeLimitInterceptor;

/**
 * taskq's own steps of the worker's pipeline, one bean each, each replaceable by a bean of its type: the
 * interceptors in {@code TaskInterceptorOrder}'s order, the retry elector, the outcome handlers and the outcome
 * log. A bean of your own of one of the pipeline's types ({@code TaskInterceptor}, {@code TaskOutcomeElector},
 * {@code TaskOutcomeHandler}, {@code TaskLifecycleListener}) joins them.
 */
@Configuration(proxyBeanMethods = false)
class TaskqWorkerPipelineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PoisonMessageInterceptor taskqPoisonMessageInterceptor(RedeliveryCounter redeliveries,
			TaskWorkerSettings settings) {
		return new PoisonMessageInterceptor(redeliveries, settings.maxRedeliveries());
	}

	@Bean
	@ConditionalOnMissingBean
	RevokedInterceptor taskqRevokedInterceptor(RevocationStore revocations) {
		return new RevokedInterceptor(revocations);
	}

	@Bean
	@ConditionalOnMissingBean
	ExpiredInterceptor taskqExpiredInterceptor() {
		return new ExpiredInterceptor();
	}

	@Bean
	@ConditionalOnMissingBean
	EtaInterceptor taskqEtaInterceptor() {
		return new EtaInterceptor();
	}

	@Bean
	@ConditionalOnMissingBean
	ExclusiveInterceptor taskqExclusiveInterceptor(LeaseStore leases, LeaseKeeper keeper, ResultStore results,
			RateLimiter rateLimiter) {
		return new ExclusiveInterceptor(leases, keeper, results, rateLimiter);
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitInterceptor taskqRateLimitInterceptor(RateLimiter rateLimiter) {
		return new RateLimitInterceptor(rateLimiter, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	EarlyAckInterceptor taskqEarlyAckInterceptor() {
		return new EarlyAckInterceptor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("taskq.worker.track-started")
	StartedStateInterceptor taskqStartedStateInterceptor(TaskStateWriter states, TaskWorkerSettings settings) {
		return new StartedStateInterceptor(states, settings.nodeName());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DeliveryLeaseInterceptor taskqDeliveryLeaseInterceptor(TaskSchedule schedule, TaskWorkerSettings settings,
			@Qualifier(TaskqWorkerConfiguration.TIMER) ScheduledExecutorService timer) {
		return new DeliveryLeaseInterceptor(schedule, settings.leaseAfter(), settings.lease(), timer);
	}

	@Bean
	@ConditionalOnMissingBean
	TimeLimitInterceptor taskqTimeLimitInterceptor(
			@Qualifier(TaskqWorkerConfiguration.TASK_EXECUTOR) ExecutorService tasks,
			@Qualifier(TaskqWorkerConfiguration.TIMER) ScheduledExecutorService timer) {
		return new TimeLimitInterceptor(tasks, timer);
	}

	@Bean
	@ConditionalOnMissingBean
	TerminationInterceptor taskqTerminationInterceptor(RunningTasks runningTasks) {
		return new TerminationInterceptor(runningTasks);
	}

	@Bean
	@ConditionalOnMissingBean
	RetryElector taskqRetryElector(TaskMessageCodec codec) {
		return new RetryElector(codec, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduleOutcomeHandler taskqScheduleOutcomeHandler(TaskSchedule schedule) {
		return new ScheduleOutcomeHandler(schedule);
	}

	@Bean
	@ConditionalOnMissingBean
	StateOutcomeHandler taskqStateOutcomeHandler(TaskStateWriter states) {
		return new StateOutcomeHandler(states);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FailedTaskStore.class)
	FailedTaskOutcomeHandler taskqFailedTaskOutcomeHandler(FailedTaskStore failedTasks) {
		return new FailedTaskOutcomeHandler(failedTasks, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterOutcomeHandler taskqDeadLetterOutcomeHandler(TaskBroker broker, TaskqProperties properties) {
		return new DeadLetterOutcomeHandler(broker, properties.getWorker().getDeadLetterQueue(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OutcomeLog taskqOutcomeLog(TaskqProperties properties) {
		return new OutcomeLog(properties.getWorker().getDeadLetterQueue());
	}

}
