package io.taskq.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.taskq.beat.DeclaredSchedules;
import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.RateLimit;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskEndpointRegistry;
import io.taskq.worker.TimeLimits;

/**
 * Finds {@link TaskHandler @TaskHandler} methods on beans, proxies included (the method is invoked through
 * the proxy, so advice such as transactions applies), and registers them with the
 * {@link TaskEndpointRegistry} once all singletons exist; the {@link Periodic @Periodic} schedules on them go to the
 * {@link DeclaredSchedules}, if periodic tasks are on.
 */
public class TaskHandlerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private final List<PendingEndpoint> pending = new ArrayList<>();

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, TaskHandler> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<TaskHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, TaskHandler.class));
		annotated.forEach((method, annotation) -> {
			Assert.state(StringUtils.hasText(annotation.value()),
					() -> "@TaskHandler on " + targetClass.getName() + "#" + method.getName() + " needs a task name");
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			Set<Periodic> periodic = AnnotatedElementUtils.findMergedRepeatableAnnotations(method, Periodic.class);
			synchronized (this.pending) {
				this.pending.add(new PendingEndpoint(annotation, beanName, bean, invocable, periodic));
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TaskEndpointRegistry registry = this.beanFactory.getBean(TaskEndpointRegistry.class);
		DeclaredSchedules schedules = this.beanFactory.getBeanProvider(DeclaredSchedules.class).getIfAvailable();
		synchronized (this.pending) {
			for (PendingEndpoint endpoint : this.pending) {
				if (schedules != null) {
					declare(schedules, endpoint);
				}
				TaskHandler annotation = endpoint.annotation();
				String task = annotation.value();
				String queue = registry.resolveQueue(task, annotation.queue());
				RateLimit rateLimit;
				try {
					rateLimit = registry.resolveRateLimit(task, annotation.rateLimit());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("@TaskHandler of task '" + task + "' on " + endpoint.describe()
							+ ": " + ex.getMessage(), ex);
				}
				if (annotation.priority() >= 0) {
					Assert.state(annotation.priority() <= 255, () -> "@TaskHandler of task '" + task + "' on "
							+ endpoint.describe() + ": priority must be between 0 and 255");
					registry.registerDefaultPriority(task, annotation.priority());
				}
				registry.register(new TaskEndpoint(task, queue, endpoint.beanName(), endpoint.bean(),
						endpoint.method(), annotation.storeResult(), retryPolicy(annotation),
						new TimeLimits(duration(annotation.timeLimit()), duration(annotation.softTimeLimit())),
						annotation.acksLate(), rateLimit, exclusivePolicy(annotation),
						duration(annotation.resultExpires())));
			}
			this.pending.clear();
		}
	}

	private static void declare(DeclaredSchedules schedules, PendingEndpoint endpoint) {
		for (Periodic periodic : endpoint.periodic()) {
			schedules.declare(PeriodicSchedules.of(periodic, endpoint.annotation().value(), schedules.jsonMapper(),
					endpoint.describe()), endpoint.describe());
		}
	}

	private static RetryPolicy retryPolicy(TaskHandler annotation) {
		return new RetryPolicy(List.of(annotation.autoRetryFor()), annotation.maxRetries(),
				DurationStyle.detectAndParse(annotation.retryDelay()), duration(annotation.retryBackoff()),
				DurationStyle.detectAndParse(annotation.retryBackoffMax()), annotation.retryJitter());
	}

	private static @Nullable Duration duration(String text) {
		return text.isEmpty() ? null : DurationStyle.detectAndParse(text);

	}

	private static ExclusivePolicy exclusivePolicy(TaskHandler annotation) {
		return ExclusivePolicy.of(annotation.value(), annotation.exclusiveKey(), annotation.onConflict(),
				DurationStyle.detectAndParse(annotation.exclusiveLease()),
				DurationStyle.detectAndParse(annotation.conflictRetryDelay()));
	}

	private record PendingEndpoint(TaskHandler annotation, String beanName, Object bean, Method method,
			Set<Periodic> periodic) {

		String describe() {
			return this.method.getDeclaringClass().getName() + "#" + this.method.getName();
		}

	}

}
