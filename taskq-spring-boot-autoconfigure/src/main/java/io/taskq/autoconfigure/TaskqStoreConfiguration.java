package io.taskq.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

import io.taskq.result.CeleryResultFormat;
import io.taskq.store.FailedTaskStore;
import io.taskq.store.LeaseStore;
import io.taskq.store.RateLimiter;
import io.taskq.store.RedeliveryCounter;
import io.taskq.store.ResultStore;
import io.taskq.store.RevocationStore;
import io.taskq.store.TaskSchedule;
import io.taskq.store.redis.RedisFailedTaskStore;
import io.taskq.store.redis.RedisLeaseStore;
import io.taskq.store.redis.RedisRateLimiter;
import io.taskq.store.redis.RedisRedeliveryCounter;
import io.taskq.store.redis.RedisResultStore;
import io.taskq.store.redis.RedisRevocationStore;
import io.taskq.store.redis.RedisTaskSchedule;

/**
 * The stores, on Redis, each replaceable by a bean of its interface. They share one Redis template, which is not a
 * candidate for injection by type (the application's own {@code StringRedisTemplate} stays the only one).
 */
@Configuration(proxyBeanMethods = false)
class TaskqStoreConfiguration {

	static final String REDIS_TEMPLATE = "taskqRedisTemplate";

	@Bean(name = REDIS_TEMPLATE, defaultCandidate = false)
	StringRedisTemplate taskqRedisTemplate(RedisConnectionFactory redisConnectionFactory) {
		return new StringRedisTemplate(redisConnectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean(ResultStore.class)
	RedisResultStore taskqResultStore(RedisConnectionFactory redisConnectionFactory, TaskqProperties properties) {
		Assert.isTrue(properties.getResult().getExpires().toSeconds() >= 1,
				"taskq.result.expires must be at least one second: every key taskq writes expires");
		return new RedisResultStore(redisConnectionFactory, new CeleryResultFormat(TaskqAutoConfiguration.JSON),
				properties.getResult().getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean(TaskSchedule.class)
	RedisTaskSchedule taskqSchedule(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis, TaskqProperties properties) {
		return new RedisTaskSchedule(redis, TaskqAutoConfiguration.JSON, properties.getRedis().getKeyPrefix(),
				properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean(RevocationStore.class)
	RedisRevocationStore taskqRevocationStore(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis,
			ResultStore resultStore, TaskqProperties properties) {
		return new RedisRevocationStore(redis, resultStore, properties.getRedis().getKeyPrefix(),
				properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean(LeaseStore.class)
	RedisLeaseStore taskqLeaseStore(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis, TaskqProperties properties) {
		return new RedisLeaseStore(redis, properties.getRedis().getKeyPrefix());
	}

	/**
	 * A slot reserved for a rate-limited message is kept for it this long past its time (and at least twice the
	 * schedule's lease, after which another promoter publishes it).
	 */
	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	RedisRateLimiter taskqRateLimiter(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis,
			TaskqProperties properties) {
		Duration grace = properties.getSchedule().getLease().multipliedBy(2);
		return new RedisRateLimiter(redis, properties.getRedis().getKeyPrefix(),
				(grace.compareTo(Duration.ofMinutes(1)) > 0) ? grace : Duration.ofMinutes(1));
	}

	@Bean
	@ConditionalOnMissingBean(FailedTaskStore.class)
	@ConditionalOnBooleanProperty(name = "taskq.failed-tasks.enabled", matchIfMissing = true)
	RedisFailedTaskStore taskqFailedTaskStore(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis,
			TaskqProperties properties) {
		return new RedisFailedTaskStore(redis, TaskqAutoConfiguration.JSON, properties.getRedis().getKeyPrefix(),
				properties.getFailedTasks().getRetention(), Clock.systemUTC());
	}

	/**
	 * A redelivery count lives as long as results do: a task redelivered after that is counted afresh.
	 */
	@Bean
	@ConditionalOnMissingBean(RedeliveryCounter.class)
	RedisRedeliveryCounter taskqRedeliveryCounter(@Qualifier(REDIS_TEMPLATE) StringRedisTemplate redis,
			TaskqProperties properties) {
		return new RedisRedeliveryCounter(redis, properties.getRedis().getKeyPrefix(),
				properties.getResult().getExpires());
	}

}
