package io.taskq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

import io.taskq.worker.OnConflict;

/**
 * Marks a bean method as the handler of a named task.
 * <p>
 * Positional {@code args} of a task message bind to the method's parameters in order, {@code kwargs} bind
 * by parameter name (compile with {@code -parameters}). Values are converted with Jackson to the parameter
 * types. A parameter of type {@link io.taskq.core.TaskContext} receives the running task's context and
 * takes no argument. The return value, converted to JSON, is the task's result.
 * <p>
 * Every attribute is a default for the task; {@code taskq.tasks.<name>.*} properties override it, and
 * send options override both.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TaskHandler {

	/**
	 * Task name, as callers send it (for example {@code "thumbnails.generate"}).
	 * @return the task name
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * Alias for {@link #value()}.
	 * @return the task name
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * Queue the task is consumed from and sent to; empty means {@code taskq.tasks.<name>.queue}, or else
	 * {@code taskq.default-queue}.
	 * @return the queue name
	 */
	String queue() default "";

	/**
	 * Whether the task's outcome is stored; a stored result is what callers read back. When false, nothing is
	 * stored for runs of the task, as with Celery's {@code ignore_result}; callers then see PENDING for ever.
	 * @return whether to store the result
	 */
	boolean storeResult() default true;

	/**
	 * How long the task's stored outcomes are kept, as a duration ({@code "1h"}); empty for
	 * {@code taskq.result.expires} (Celery's {@code result_expires}, per task).
	 * @return the result expiry
	 */
	String resultExpires() default "";

	/**
	 * Exception types (subclasses included) on which the task retries automatically (Celery's
	 * {@code autoretry_for}); other exceptions fail it at once.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] autoRetryFor() default {};

	/**
	 * Most retries, automatic or from {@link io.taskq.core.TaskContext#retry()}; the attempt after the last
	 * one that fails is final (Celery's {@code max_retries}).
	 * @return the maximum number of retries
	 */
	int maxRetries() default 3;

	/**
	 * Countdown of a retry when no backoff is set, as a duration ({@code "180s"}, {@code "PT3M"}) (Celery's
	 * {@code default_retry_delay}).
	 * @return the retry delay
	 */
	String retryDelay() default "180s";

	/**
	 * First countdown of an exponential backoff, doubling with each retry ({@code "1s"}); empty for none
	 * (Celery's {@code retry_backoff}).
	 * @return the first backoff countdown
	 */
	String retryBackoff() default "";

	/**
	 * Largest backoff countdown (Celery's {@code retry_backoff_max}).
	 * @return the backoff cap
	 */
	String retryBackoffMax() default "10m";

	/**
	 * Whether backoff countdowns are drawn at random between zero and their value (Celery's
	 * {@code retry_jitter}).
	 * @return whether to jitter
	 */
	boolean retryJitter() default true;

	/**
	 * Hard time limit, as a duration ({@code "30s"}); past it the task is abandoned and fails with Celery's
	 * {@code TimeLimitExceeded}, and its worker slot is freed. Empty for none. A call's {@code timelimit}
	 * header wins.
	 * @return the hard time limit
	 */
	String timeLimit() default "";

	/**
	 * Soft time limit, as a duration; past it the task's thread is interrupted and
	 * {@link io.taskq.core.TaskContext#isSoftTimeLimitExceeded()} turns true, so the task can clean up.
	 * Empty for none.
	 * @return the soft time limit
	 */
	String softTimeLimit() default "";

	/**
	 * Whether the message is acknowledged after the task ran and its outcome was stored (at-least-once, the
	 * default) rather than before it runs (at-most-once: a worker dying mid-task loses it; Celery's default).
	 * @return whether to acknowledge late
	 */
	boolean acksLate() default true;

	/**
	 * Most runs of the task started per second, minute or hour across all workers together, in Celery's syntax:
	 * {@code "10/s"}, {@code "100/m"}, {@code "1000/h"}, or a number meaning per second; empty means no limit. A message over the limit waits in the Redis
	 * schedule, holding no worker thread.
	 * @return the rate limit
	 */
	String rateLimit() default "";

	/**
	 * Priority the task is sent with when the send call gives none, 0 to 255 (Celery uses 0 to 9; higher runs
	 * first) on queues declared with a max priority; negative means none.
	 * @return the default priority
	 */
	int priority() default -1;

	/**
	 * Key under which runs of the task exclude each other: a SpEL expression over the handler's arguments by
	 * parameter name ({@code "#reportId"}, {@code "#order.customerId()"}) or position ({@code "#args[0]"}). At
	 * most one run per key value runs at a time, across all workers; empty (the default) for no exclusion.
	 * @return the exclusive key expression
	 * @see io.taskq.worker.ExclusivePolicy
	 */
	String exclusiveKey() default "";

	/**
	 * What a run does when another run holds its exclusive key: {@link OnConflict#RETRY} later (the default) or
	 * {@link OnConflict#SKIP}.
	 * @return the conflict option
	 */
	OnConflict onConflict() default OnConflict.RETRY;

	/**
	 * How long an exclusive key's lease lasts unless renewed ({@code "60s"}); a running task renews it every third
	 * of this, so the key of a worker that died is free again at most this long after.
	 * @return the lease
	 */
	String exclusiveLease() default "60s";

	/**
	 * How long a run that met a taken exclusive key waits before it tries again, with {@link OnConflict#RETRY}.
	 * @return the conflict retry delay
	 */
	String conflictRetryDelay() default "1s";

}
