package io.taskq.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.Assert;

/**
 * Whether and how runs of a task exclude each other: at most one run at a time per value of a key, a SpEL
 * expression over the handler's arguments ({@code #reportId}, {@code #order.customerId()},
 * {@code #args[0]}). The expression is parsed once, when the handler is registered; it is evaluated with
 * read-only data binding (properties and methods of the arguments, no type references or bean access).
 */
public final class ExclusivePolicy {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	/** A task whose runs do not exclude each other. */
	public static final ExclusivePolicy NONE = new ExclusivePolicy("", null, OnConflict.RETRY, Duration.ofSeconds(60),
			Duration.ofSeconds(1));

	private final String key;

	private final @Nullable Expression expression;

	private final OnConflict onConflict;

	private final Duration lease;

	private final Duration retryDelay;

	private ExclusivePolicy(String key, @Nullable Expression expression, OnConflict onConflict, Duration lease,
			Duration retryDelay) {
		this.key = key;
		this.expression = expression;
		this.onConflict = onConflict;
		this.lease = lease;
		this.retryDelay = retryDelay;
	}

	/**
	 * Create a policy, parsing its key expression.
	 * @param task the task name, for error messages
	 * @param key the SpEL key expression over the arguments; empty for a task whose runs do not exclude each
	 * other
	 * @param onConflict what a run does when the key's lease is taken
	 * @param lease how long a lease lasts unless renewed; a running task renews it every third of this, so a dead
	 * worker's lease is free at most this long after it died
	 * @param retryDelay how long a {@link OnConflict#RETRY} run waits before it tries again
	 * @return the policy
	 * @throws IllegalStateException if the expression is not valid SpEL or a duration is too short
	 */
	public static ExclusivePolicy of(String task, String key, OnConflict onConflict, Duration lease,
			Duration retryDelay) {
		Assert.state(lease.toMillis() >= 3, () -> "Exclusive lease of task '" + task + "' must be at least 3ms");
		Assert.state(!retryDelay.isNegative(),
				() -> "Conflict retry delay of task '" + task + "' must not be negative");
		if (key.isBlank()) {
			return new ExclusivePolicy("", null, onConflict, lease, retryDelay);
		}
		try {
			return new ExclusivePolicy(key, PARSER.parseExpression(key), onConflict, lease, retryDelay);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(
					"Exclusive key '" + key + "' of task '" + task + "' is not a valid SpEL expression: "
							+ ex.getMessage(),
					ex);
		}
	}

	/**
	 * Whether runs of the task exclude each other.
	 * @return whether the task has an exclusive key
	 */
	public boolean isExclusive() {
		return this.expression != null;
	}

	/**
	 * The key expression as written.
	 * @return the key expression, empty if the task is not exclusive
	 */
	public String key() {
		return this.key;
	}

	/**
	 * What a run does when the key's lease is taken.
	 * @return the conflict option
	 */
	public OnConflict onConflict() {
		return this.onConflict;
	}

	/**
	 * How long a lease lasts unless renewed.
	 * @return the lease
	 */
	public Duration lease() {
		return this.lease;
	}

	/**
	 * How long a {@link OnConflict#RETRY} run waits before it tries again.
	 * @return the retry delay
	 */
	public Duration retryDelay() {
		return this.retryDelay;
	}

	/**
	 * Evaluate the key over a run's arguments.
	 * @param task the task name, for error messages
	 * @param arguments the bound arguments by parameter name, in parameter order
	 * @return the key's value as a string
	 * @throws TaskArgumentException if the key cannot be evaluated over the arguments or is {@code null}
	 * @throws IllegalStateException if the task is not exclusive
	 */
	public String evaluate(String task, Map<String, @Nullable Object> arguments) {
		Assert.state(this.expression != null, () -> "Task '" + task + "' has no exclusive key");
		EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods().build();
		arguments.forEach(context::setVariable);
		context.setVariable("args", Collections.unmodifiableList(new ArrayList<>(arguments.values())));
		Object value;
		try {
			value = this.expression.getValue(context);
		}
		catch (EvaluationException ex) {
			throw new TaskArgumentException(String.format("Exclusive key '%s' of task '%s' cannot be evaluated: %s",
					this.key, task, ex.getMessage()), ex);
		}
		if (value == null) {
			throw new TaskArgumentException(
					String.format("Exclusive key '%s' of task '%s' is null for these arguments", this.key, task), null);
		}
		return value.toString();
	}

	@Override
	public String toString() {
		return isExclusive() ? "exclusive on " + this.key + " (" + this.onConflict + ", lease " + this.lease + ")"
				: "not exclusive";
	}

}
