package io.taskq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as the handler of a named task.
 * <p>
 * Positional {@code args} of a task message bind to the method's parameters in order, {@code kwargs} bind
 * by parameter name (compile with {@code -parameters}). Values are converted with Jackson to the parameter
 * types. A parameter of type {@link io.taskq.listener.TaskContext} receives the running task's context and
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

}
