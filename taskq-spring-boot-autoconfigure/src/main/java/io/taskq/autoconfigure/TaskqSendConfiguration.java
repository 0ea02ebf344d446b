package io.taskq.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.taskq.broker.TaskBroker;
import io.taskq.core.IdempotencyKeys;
import io.taskq.core.TaskDispatcher;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendListener;
import io.taskq.core.TaskSendPipeline;
import io.taskq.core.send.BrokerTaskDispatcher;
import io.taskq.core.send.IdempotencyInterceptor;
import io.taskq.core.send.ParentTaskInterceptor;
import io.taskq.core.send.RoutingInterceptor;
import io.taskq.core.send.SentAtInterceptor;
import io.taskq.core.send.SentStateInterceptor;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.store.ResultStore;
import io.taskq.store.TaskSchedule;

/**
 * The producer's pipeline: taskq's own send steps, one bean each, each replaceable by a bean of its type, in
 * {@code TaskSendInterceptorOrder}'s order, and the dispatcher. A bean of your own of one of the pipeline's types
 * ({@code TaskSendInterceptor}, {@code TaskSendListener}) joins them.
 */
@Configuration(proxyBeanMethods = false)
class TaskqSendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IdempotencyInterceptor taskqIdempotencyInterceptor(IdempotencyKeys keys) {
		return new IdempotencyInterceptor(keys);
	}

	@Bean
	@ConditionalOnMissingBean
	RoutingInterceptor taskqRoutingInterceptor(TaskRoutes routes) {
		return new RoutingInterceptor(routes);
	}

	@Bean
	@ConditionalOnMissingBean
	ParentTaskInterceptor taskqParentTaskInterceptor() {
		return new ParentTaskInterceptor();
	}

	@Bean
	@ConditionalOnMissingBean
	SentAtInterceptor taskqSentAtInterceptor() {
		return new SentAtInterceptor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "taskq.result.track-sent", matchIfMissing = true)
	SentStateInterceptor taskqSentStateInterceptor(ResultStore results, TaskqProperties properties) {
		return new SentStateInterceptor(results, properties.getResult().getExpires());
	}

	@Bean
	@ConditionalOnMissingBean
	TaskDispatcher taskqDispatcher(TaskBroker broker, TaskSchedule schedule, TaskMessageCodec codec) {
		return new BrokerTaskDispatcher(broker, schedule, codec);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskSendPipeline taskqSendPipeline(ObjectProvider<TaskSendInterceptor> interceptors, TaskDispatcher dispatcher,
			ObjectProvider<TaskSendListener> listeners) {
		return new TaskSendPipeline(interceptors.orderedStream().toList(), dispatcher,
				listeners.orderedStream().toList());
	}

}
