package io.taskq.worker;

import java.lang.reflect.Method;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A task handler found on a bean: the task it serves, the queue it consumes from and the method to run.
 *
 * @param name the task name
 * @param queue the queue the task is consumed from
 * @param beanName the name of the bean declaring the handler
 * @param bean the bean (possibly a proxy) to invoke the method on
 * @param method the handler method, invocable on {@code bean}
 * @param storeResult whether the task's outcome is stored
 * @param retryPolicy when and how the task is retried
 * @param timeLimits the task's default time limits
 * @param acksLate whether the message is acknowledged after the task (at-least-once, the default) rather than
 * before it (at-most-once)
 * @param rateLimit the task's rate limit across all workers, or {@code null} for none
 * @param exclusive whether and how runs of the task exclude each other
 * @param resultExpires how long the task's outcomes are kept, or {@code null} for {@code taskq.result.expires}
 */
public record TaskEndpoint(String name, String queue, String beanName, Object bean, Method method,
		boolean storeResult, RetryPolicy retryPolicy, TimeLimits timeLimits, boolean acksLate,
		@Nullable RateLimit rateLimit, ExclusivePolicy exclusive, @Nullable Duration resultExpires) {

	/**
	 * Human-readable description naming the bean and method, for logs and errors.
	 * @return the description
	 */
	public String describe() {
		return "bean '" + this.beanName + "' (" + this.method.getDeclaringClass().getName() + "#"
				+ this.method.getName() + ")";
	}

}
