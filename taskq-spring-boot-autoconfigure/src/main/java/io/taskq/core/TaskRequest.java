package io.taskq.core;

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

	private TaskRequest(Builder builder) {
		this.task = builder.task;
		this.args = Collections.unmodifiableList(new ArrayList<>(builder.args));
		this.kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.kwargs));
		this.queue = builder.queue;
		this.taskId = builder.taskId;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
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
	 * Builder of {@link TaskRequest}.
	 */
	public static final class Builder {

		private final String task;

		private final List<@Nullable Object> args = new ArrayList<>();

		private final Map<String, @Nullable Object> kwargs = new LinkedHashMap<>();

		private @Nullable String queue;

		private @Nullable String taskId;

		private final Map<String, Object> headers = new LinkedHashMap<>();

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
		 * Build the request.
		 * @return the request
		 */
		public TaskRequest build() {
			return new TaskRequest(this);
		}

	}

}
