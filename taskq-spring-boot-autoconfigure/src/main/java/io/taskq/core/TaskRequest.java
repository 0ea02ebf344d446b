package io.taskq.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to send: a task name, its arguments and the options of this one call. Build one with
 * {@link #builder(String)}; send it with {@link TaskOperations#send(TaskRequest)}.
 */
public final class TaskRequest {

	private final String task;

	private final List<@Nullable Object> args;

	private final Map<String, @Nullable Object> kwargs;

	private final @Nullable String queue;

	private final @Nullable String taskId;

	private final Map<String, Object> headers;

	private final @Nullable Instant eta;

	private final @Nullable Duration countdown;

	private final @Nullable Instant expires;

	private final @Nullable Duration expiresIn;

	private final @Nullable Integer priority;

	private final @Nullable Boolean ignoreResult;

	private final @Nullable Duration timeLimit;

	private final @Nullable Duration softTimeLimit;

	private final @Nullable String idempotencyKey;

	private final @Nullable Duration idempotencyWindow;

	private TaskRequest(Builder builder) {
		this.task = builder.task;
		this.args = Collections.unmodifiableList(new ArrayList<>(builder.args));
		this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.kwargs));
		this.queue = builder.queue;
		this.taskId = builder.taskId;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
		this.eta = builder.eta;
		this.countdown = builder.countdown;
		this.expires = builder.expires;
		this.expiresIn = builder.expiresIn;
		this.priority = builder.priority;
		this.ignoreResult = builder.ignoreResult;
		this.timeLimit = builder.timeLimit;
		this.softTimeLimit = builder.softTimeLimit;
		this.idempotencyKey = builder.idempotencyKey;
		this.idempotencyWindow = builder.idempotencyWindow;
	}

	/**
	 * Start a request for the named task.
	 * @param task the task name
	 * @return a builder
	 */
	public static Builder builder(String task) {
		return new Builder(task);
	}

	/**
	 * Name of the task to run.
	 * @return the task name
	 */
	public String task() {
		return this.task;
	}

	/**
	 * Positional arguments; each must serialise to JSON.
	 * @return the args
	 */
	public List<@Nullable Object> args() {
		return this.args;
	}

	/**
	 * Keyword arguments; each must serialise to JSON.
	 * @return the kwargs
	 */
	public Map<String, @Nullable Object> kwargs() {
		return this.kwargs;
	}

	/**
	 * Queue to send to, or {@code null} for the task's configured queue.
	 * @return the queue
	 */
	public @Nullable String queue() {
		return this.queue;
	}

	/**
	 * Task id to use, or {@code null} for a new random UUID.
	 * @return the task id
	 */
	public @Nullable String taskId() {
		return this.taskId;
	}

	/**
	 * Extra application headers, merged into the message's headers as Celery's
	 * {@code apply_async(headers=...)} does.
	 * @return the extra headers
	 */
	public Map<String, Object> headers() {
		return this.headers;
	}

	/**
	 * Earliest time the task may run: the ETA, or now plus the countdown, or {@code null} to run at once.
	 * @param now the current time
	 * @return the ETA
	 */
	public @Nullable Instant eta(Instant now) {
		return (this.countdown != null) ? now.plus(this.countdown) : this.eta;
	}

	/**
	 * Time after which the task must not run any more, or {@code null} for never.
	 * @param now the current time
	 * @return the expiry
	 */
	public @Nullable Instant expires(Instant now) {
		return (this.expiresIn != null) ? now.plus(this.expiresIn) : this.expires;
	}

	/**
	 * AMQP priority (0 to 255; Celery uses 0 to 9), effective on queues with {@code x-max-priority}.
	 * @return the priority, or {@code null} for the default
	 */
	public @Nullable Integer priority() {
		return this.priority;
	}

	/**
	 * Whether the worker must not store a result, or {@code null} for the task's own setting.
	 * @return whether to ignore the result
	 */
	public @Nullable Boolean ignoreResult() {
		return this.ignoreResult;
	}

	/**
	 * Hard time limit of this call, or {@code null} for the task's own.
	 * @return the hard time limit
	 */
	public @Nullable Duration timeLimit() {
		return this.timeLimit;
	}

	/**
	 * Soft time limit of this call, or {@code null} for the task's own.
	 * @return the soft time limit
	 */
	public @Nullable Duration softTimeLimit() {
		return this.softTimeLimit;
	}

	/**
	 * Idempotency key of this call: another send of the same task with the same key, within the window,
	 * returns the handle of the first instead of sending a second task.
	 * @return the idempotency key, or {@code null} for none
	 */
	public @Nullable String idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * How long the idempotency key is remembered, or {@code null} for the task's default
	 * ({@code taskq.tasks.<name>.idempotency-window}, else {@code taskq.result.expires}).
	 * @return the idempotency window
	 */
	public @Nullable Duration idempotencyWindow() {
		return this.idempotencyWindow;
	}

	/**
	 * Builder of {@link TaskRequest}.
	 */
	public static final class Builder {

		private final String task;

		private final List<@Nullable Object> args = new ArrayList<>();

		private final Map<String, @Nullable Object> kwargs = new LinkedHashMap<>();

		private @Nullable String queue;

		private @Nullable String taskId;

		private final Map<String, Object> headers = new LinkedHashMap<>();

		private @Nullable Instant eta;

		private @Nullable Duration countdown;

		private @Nullable Instant expires;

		private @Nullable Duration expiresIn;

		private @Nullable Integer priority;

		private @Nullable Boolean ignoreResult;

		private @Nullable Duration timeLimit;

		private @Nullable Duration softTimeLimit;

		private @Nullable String idempotencyKey;

		private @Nullable Duration idempotencyWindow;

		private Builder(String task) {
			Assert.hasText(task, "'task' must not be empty");
			this.task = task;
		}

		/**
		 * Set the positional arguments.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder args(@Nullable Object... args) {
			this.args.clear();
			this.args.addAll(Arrays.asList(args));
			return this;
		}

		/**
		 * Set the positional arguments.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder args(List<? extends @Nullable Object> args) {
			this.args.clear();
			this.args.addAll(args);
			return this;
		}

		/**
		 * Set the keyword arguments.
		 * @param kwargs the keyword arguments
		 * @return this builder
		 */
		public Builder kwargs(Map<String, ? extends @Nullable Object> kwargs) {
			this.kwargs.clear();
			this.kwargs.putAll(kwargs);
			return this;
		}

		/**
		 * Add one keyword argument.
		 * @param name the argument name
		 * @param value the value
		 * @return this builder
		 */
		public Builder kwarg(String name, @Nullable Object value) {
			this.kwargs.put(name, value);
			return this;
		}

		/**
		 * Send to this queue instead of the task's configured queue.
		 * @param queue the queue name
		 * @return this builder
		 */
		public Builder queue(@Nullable String queue) {
			this.queue = queue;
			return this;
		}

		/**
		 * Use this task id instead of a new random UUID.
		 * @param taskId the task id
		 * @return this builder
		 */
		public Builder taskId(@Nullable String taskId) {
			this.taskId = taskId;
			return this;
		}

		/**
		 * Add an extra application header.
		 * @param name the header name
		 * @param value the value: a string, number, boolean, list or map
		 * @return this builder
		 */
		public Builder header(String name, Object value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Run the task no earlier than this long after sending (Celery's {@code countdown}). The task waits in
		 * the durable schedule in Redis, not in any worker's memory.
		 * @param countdown the delay
		 * @return this builder
		 */
		public Builder countdown(Duration countdown) {
			Assert.isTrue(!countdown.isNegative(), "'countdown' must not be negative");
			this.countdown = countdown;
			this.eta = null;
			return this;
		}

		/**
		 * Run the task no earlier than this time (Celery's {@code eta}).
		 * @param eta the earliest execution time
		 * @return this builder
		 */
		public Builder eta(Instant eta) {
			this.eta = eta;
			this.countdown = null;
			return this;
		}

		/**
		 * Do not run the task if it starts later than this long after sending; it is then REVOKED.
		 * @param expiresIn the lifetime
		 * @return this builder
		 */
		public Builder expiresIn(Duration expiresIn) {
			this.expiresIn = expiresIn;
			this.expires = null;
			return this;
		}

		/**
		 * Do not run the task if it starts after this time; it is then REVOKED.
		 * @param expires the expiry
		 * @return this builder
		 */
		public Builder expires(Instant expires) {
			this.expires = expires;
			this.expiresIn = null;
			return this;
		}

		/**
		 * Send with this AMQP priority: higher runs first on queues declared with {@code x-max-priority}.
		 * @param priority 0 to 255 (Celery uses 0 to 9)
		 * @return this builder
		 */
		public Builder priority(int priority) {
			Assert.isTrue(priority >= 0 && priority <= 255, "'priority' must be between 0 and 255");
			this.priority = priority;
			return this;
		}

		/**
		 * Ask the worker not to store this call's result (Celery's {@code ignore_result}).
		 * @param ignoreResult whether to ignore the result
		 * @return this builder
		 */
		public Builder ignoreResult(boolean ignoreResult) {
			this.ignoreResult = ignoreResult;
			return this;
		}

		/**
		 * Hard time limit of this call, sent in Celery's {@code timelimit} header.
		 * @param timeLimit the hard limit
		 * @return this builder
		 */
		public Builder timeLimit(Duration timeLimit) {
			this.timeLimit = timeLimit;
			return this;
		}

		/**
		 * Soft time limit of this call, sent in Celery's {@code timelimit} header.
		 * @param softTimeLimit the soft limit
		 * @return this builder
		 */
		public Builder softTimeLimit(Duration softTimeLimit) {
			this.softTimeLimit = softTimeLimit;
			return this;
		}

		/**
		 * Make this send idempotent: if the same task was sent with the same key within the task's idempotency
		 * window, no second task is sent and the handle of the first is returned. Safe against concurrent sends
		 * from any number of producers (one atomic claim in Redis).
		 * @param idempotencyKey the key, for example an order id
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			Assert.hasText(idempotencyKey, "'idempotencyKey' must not be empty");
			this.idempotencyKey = idempotencyKey;
			return this;
		}

		/**
		 * Make this send idempotent, remembering the key for this long instead of the task's default window.
		 * @param idempotencyKey the key, for example an order id
		 * @param window how long the key is remembered
		 * @return this builder
		 * @see #idempotencyKey(String)
		 */
		public Builder idempotencyKey(String idempotencyKey, Duration window) {
			Assert.isTrue(window.toMillis() >= 1, "'window' must be at least one millisecond");
			idempotencyKey(idempotencyKey);
			this.idempotencyWindow = window;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public TaskRequest build() {
			return new TaskRequest(this);
		}

	}

}
