package io.taskq.autoconfigure;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import io.taskq.beat.BeatListener;
import io.taskq.beat.BeatOperations;
import io.taskq.beat.BeatScheduler;
import io.taskq.beat.BeatStore;
import io.taskq.beat.BeatTemplate;
import io.taskq.beat.DeclaredSchedules;
import io.taskq.core.IdempotencyKeys;
import io.taskq.core.TaskOperations;
import io.taskq.store.ResultStore;
import io.taskq.store.redis.RedisBeatStore;

/**
 * Periodic tasks: the store of schedules and the {@link BeatOperations} that manage them, in every application, and
 * the {@link BeatScheduler} that fires their ticks where {@code taskq.beat.enabled} says, by default where the worker is on.
 */
@Configuration(proxyBeanMethods = false)
class TaskqBeatConfiguration {

	@Bean
	@ConditionalOnMissingBean(BeatStore.class)
	RedisBeatStore taskqBeatStore(@Qualifier(TaskqStoreConfiguration.REDIS_TEMPLATE) StringRedisTemplate redis,
			@Qualifier(TaskqJsonConfiguration.JSON_MAPPER) JsonMapper jsonMapper, TaskqProperties properties) {
		TaskqProperties.Beat beat = properties.getBeat();
		Assert.isTrue(beat.getKeyExpiry().toSeconds() >= 1,
				"taskq.beat.key-expiry must be at least one second: every key taskq writes expires");
		return new RedisBeatStore(redis, jsonMapper, properties.getRedis().getKeyPrefix(), beat.getHistorySize(),
				beat.getKeyExpiry());
	}

	@Bean
	@ConditionalOnMissingBean(BeatOperations.class)
	BeatTemplate taskqBeatOperations(BeatStore store, TaskOperations tasks, ResultStore results,
			TaskqProperties properties, ObjectProvider<BeatListener> listeners) {
		BeatTemplate template = new BeatTemplate(store, tasks, results, properties.getBeat().getHistorySize(),
				Clock.systemUTC());
		template.setListeners(listeners.orderedStream().toList());
		return template;
	}

	/**
	 * The scheduler, where the worker is on and periodic tasks are not switched off.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnBeatSchedulerCondition.class)
	static class SchedulerConfiguration {

		private final TaskqProperties properties;

		private final Environment environment;

		SchedulerConfiguration(TaskqProperties properties, Environment environment) {
			this.properties = properties;
			this.environment = environment;
		}

		@Bean
		@ConditionalOnMissingBean
		DeclaredSchedules taskqDeclaredSchedules(@Qualifier(TaskqJsonConfiguration.JSON_MAPPER) JsonMapper jsonMapper) {
			return new DeclaredSchedules(ConfiguredSchedules.of(this.properties.getBeat().getSchedules()), jsonMapper);
		}

		@Bean
		@ConditionalOnMissingBean
		BeatScheduler taskqBeatScheduler(BeatStore store, TaskOperations tasks, IdempotencyKeys keys,
				ResultStore results, DeclaredSchedules declared, ObjectProvider<BeatListener> listeners) {
			TaskqProperties.Beat beat = this.properties.getBeat();
			Assert.isTrue(beat.getMaxPerPoll() >= 1, "taskq.beat.max-per-poll must be at least 1");
			Assert.isTrue(beat.getClaim().compareTo(beat.getMisfireThreshold()) < 0,
					"taskq.beat.claim must be shorter than taskq.beat.misfire-threshold, so that a tick whose "
							+ "claimer died still fires as on time");
			BeatScheduler scheduler = new BeatScheduler(store, tasks, keys, results, declared, new BeatScheduler.Settings(
					beat.getPollInterval(), beat.getClaim(), beat.getMisfireThreshold(), beat.getMaxPerPoll(),
					beat.getSendWindow()));
			scheduler.setListeners(listeners.orderedStream().toList());
			scheduler.setThreadFactory(TaskqThreads.of(this.environment, "taskq-beat-"));
			return scheduler;
		}

	}

}
