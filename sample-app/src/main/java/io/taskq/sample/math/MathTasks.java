package io.taskq.sample.math;

import java.math.BigInteger;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;

/**
 * Celery's first tasks: arithmetic and an I/O-bound wait.
 */
@Component
public class MathTasks {

	/**
	 * Add two numbers as Python's {@code +} does ({@code tasks.add}, Celery's first task): two integers give
	 * their exact sum, however large; with a floating-point number, the sum is a double. Strings and booleans
	 * are refused as invalid arguments (Python would concatenate the strings).
	 * @param a the first number
	 * @param b the second number
	 * @return their sum, a {@link BigInteger} or a {@link Double}
	 * @throws ArithmeticException if an integer is too large to convert to a double, as Python's
	 * {@code OverflowError}
	 */
	@TaskHandler("tasks.add")
	public Number add(Number a, Number b) {
		if (isInteger(a) && isInteger(b)) {
			return toBigInteger(a).add(toBigInteger(b));
		}
		return toDouble(a) + toDouble(b);
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

	private static boolean isInteger(Number value) {
		return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
	}

	private static BigInteger toBigInteger(Number value) {
		return (value instanceof BigInteger big) ? big : BigInteger.valueOf(value.longValue());
	}

	private static double toDouble(Number value) {
		double converted = value.doubleValue();
		if (Double.isInfinite(converted) && isInteger(value)) {
			throw new ArithmeticException("int too large to convert to float");
		}
		return converted;
	}

}
