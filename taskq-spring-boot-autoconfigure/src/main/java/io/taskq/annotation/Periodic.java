package io.taskq.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;

/**
 * Runs a {@link TaskHandler} method's task periodically: a schedule declared in code, synchronised to the
 * store at start-up (and removed from it once no longer declared). Exactly one of {@link #cron()} and
 * {@link #every()} is required. Repeatable, for several schedules of one task.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Periodic.List.class)
public @interface Periodic {

	/**
	 * The schedule's name; the task name if empty (a second schedule of the task needs one).
	 * @return the name
	 */
	String name() default "";

	/**
	 * A cron expression: Spring's six fields, the classic five, or a macro such as {@code @daily}.
	 * @return the expression
	 */
	String cron() default "";

	/**
	 * A fixed rate as a duration ({@code 30s}, {@code PT5M}).
	 * @return the period
	 */
	String every() default "";

	/**
	 * The zone the cron expression is read in (default UTC).
	 * @return the zone id
	 */
	String zone() default "";

	/**
	 * The positional arguments, as a JSON array.
	 * @return the arguments
	 */
	String args() default "";

	/**
	 * The keyword arguments, as a JSON object.
	 * @return the keyword arguments
	 */
	String kwargs() default "";

	/**
	 * The queue to send to; the task's own if empty.
	 * @return the queue
	 */
	String queue() default "";

	/**
	 * What to do with missed ticks.
	 * @return the policy
	 */
	MissedTicks missedTicks() default MissedTicks.FIRE_ONCE;

	/**
	 * With {@link MissedTicks#CATCH_UP}, how far back missed ticks are fired, as a duration.
	 * @return the window
	 */
	String catchUpWindow() default "1h";

	/**
	 * What to do with a tick while the previous run has not finished.
	 * @return the policy
	 */
	Overlap overlap() default Overlap.ALLOW;

	/**
	 * Up to how long after its tick each task may be delayed, as a duration; none if empty.
	 * @return the jitter
	 */
	String jitter() default "";

	/**
	 * Several {@link Periodic} annotations on one method.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The annotations.
		 * @return the annotations
		 */
		Periodic[] value();

	}

}
