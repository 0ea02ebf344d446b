package io.taskq.sample.math;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;

/**
 * Celery's first tasks: arithmetic and an I/O-bound wait.
 */
@Component
public class MathTasks {

	/**
	 * Add two numbers ({@code tasks.add}).
	 * @param a the first number
	 * @param b the second number
	 * @return their sum
	 */
	@TaskHandler("tasks.add")
	public long add(long a, long b) {
		return Math.addExact(a, b);
	}

	/**
	 * Wait, as a task blocked on I/O does, and return how long ({@code tasks.sleep}).
	 * @param millis how long to wait, in milliseconds
	 * @return the milliseconds waited
	 * @throws InterruptedException if the worker stops while waiting
	 */
	@TaskHandler("tasks.sleep")
	public long sleep(long millis) throws InterruptedException {
		if (millis < 0) {
			throw new IllegalArgumentException("millis must not be negative, was " + millis);
		}
		Thread.sleep(millis);
		return millis;
	}

}
