package io.taskq.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One task message of Celery's protocol v2: the application headers, the body {@code [args, kwargs, embed]}
 * and the AMQP properties that carry meaning. Immutable; {@link #toBuilder()} derives a changed copy (a retry,
 * for instance). Header names and meanings: {@code celery-protocol.md} §1.3.
 */
public final class TaskMessage {

	private final String id;

	private final String task;

	private final String lang;

	private final @Nullable String shadow;

	private final @Nullable Instant eta;

	private final @Nullable Instant expires;

	private final @Nullable String group;

	private final @Nullable Integer groupIndex;

	private final int retries;

	private final @Nullable Double hardTimeLimit;

	private final @Nullable Double softTimeLimit;

	private final String rootId;

	private final @Nullable String parentId;

	private final @Nullable String argsRepr;

	private final @Nullable String kwargsRepr;

	private final @Nullable String origin;

	private final @Nullable Boolean ignoreResult;

	private final Map<String, @Nullable Object> extraHeaders;

	private final ArrayNode args;

	private final ObjectNode kwargs;

	private final @Nullable JsonNode callbacks;

	private final @Nullable JsonNode errbacks;

	private final @Nullable JsonNode chain;

	private final @Nullable JsonNode chord;

	private final @Nullable Integer priority;

	private final @Nullable String replyTo;

	private TaskMessage(Builder builder) {
		this.id = builder.id;
		this.task = builder.task;
		this.lang = builder.lang;
		this.shadow = builder.shadow;
		this.eta = builder.eta;
		this.expires = builder.expires;
		this.group = builder.group;
		this.groupIndex = builder.groupIndex;
		this.retries = builder.retries;
		this.hardTimeLimit = builder.hardTimeLimit;
		this.softTimeLimit = builder.softTimeLimit;
		this.rootId = (builder.rootId != null) ? builder.rootId : builder.id;
		this.parentId = builder.parentId;
		this.argsRepr = builder.argsRepr;
		this.kwargsRepr = builder.kwargsRepr;
		this.origin = builder.origin;
		this.ignoreResult = builder.ignoreResult;
		this.extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extraHeaders));
		this.args = builder.args;
		this.kwargs = builder.kwargs;
		this.callbacks = builder.callbacks;
		this.errbacks = builder.errbacks;
		this.chain = builder.chain;
		this.chord = builder.chord;
		this.priority = builder.priority;
		this.replyTo = builder.replyTo;
	}

	/**
	 * Start a message for the given task name and id.
	 * @param task the registered task name
	 * @param id the task id
	 * @return a builder
	 */
	public static Builder builder(String task, String id) {
		return new Builder(task, id);
	}

	/**
	 * A builder holding this message's values.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.task, this.id);
		builder.lang = this.lang;
		builder.shadow = this.shadow;
		builder.eta = this.eta;
		builder.expires = this.expires;
		builder.group = this.group;
		builder.groupIndex = this.groupIndex;
		builder.retries = this.retries;
		builder.hardTimeLimit = this.hardTimeLimit;
		builder.softTimeLimit = this.softTimeLimit;
		builder.rootId = this.rootId;
		builder.parentId = this.parentId;
		builder.argsRepr = this.argsRepr;
		builder.kwargsRepr = this.kwargsRepr;
		builder.origin = this.origin;
		builder.ignoreResult = this.ignoreResult;
		builder.extraHeaders.putAll(this.extraHeaders);
		builder.args = this.args;
		builder.kwargs = this.kwargs;
		builder.callbacks = this.callbacks;
		builder.errbacks = this.errbacks;
		builder.chain = this.chain;
		builder.chord = this.chord;
		builder.priority = this.priority;
		builder.replyTo = this.replyTo;
		return builder;
	}

	/** @return the task id ({@code id} header) */
	public String id() {
		return this.id;
	}

	/** @return the registered task name ({@code task} header) */
	public String task() {
		return this.task;
	}

	/** @return the sender's language ({@code lang} header) */
	public String lang() {
		return this.lang;
	}

	/** @return the display name used instead of the task name in logs ({@code shadow} header) */
	public @Nullable String shadow() {
		return this.shadow;
	}

	/** @return the earliest execution time ({@code eta} header) */
	public @Nullable Instant eta() {
		return this.eta;
	}

	/** @return the time after which the task must not run ({@code expires} header) */
	public @Nullable Instant expires() {
		return this.expires;
	}

	/** @return the id of the group the task belongs to ({@code group} header) */
	public @Nullable String group() {
		return this.group;
	}

	/** @return the position inside the group ({@code group_index} header) */
	public @Nullable Integer groupIndex() {
		return this.groupIndex;
	}

	/** @return how many times the task has been retried ({@code retries} header) */
	public int retries() {
		return this.retries;
	}

	/** @return the hard time limit in seconds (first element of the {@code timelimit} header) */
	public @Nullable Double hardTimeLimit() {
		return this.hardTimeLimit;
	}

	/** @return the soft time limit in seconds (second element of the {@code timelimit} header) */
	public @Nullable Double softTimeLimit() {
		return this.softTimeLimit;
	}

	/** @return the id of the first task of the workflow ({@code root_id} header) */
	public String rootId() {
		return this.rootId;
	}

	/** @return the id of the task that sent this one ({@code parent_id} header) */
	public @Nullable String parentId() {
		return this.parentId;
	}

	/** @return Python's repr of the args ({@code argsrepr} header); computed when encoding if unset */
	public @Nullable String argsRepr() {
		return this.argsRepr;
	}

	/** @return Python's repr of the kwargs ({@code kwargsrepr} header); computed when encoding if unset */
	public @Nullable String kwargsRepr() {
		return this.kwargsRepr;
	}

	/** @return the sender's node name ({@code origin} header) */
	public @Nullable String origin() {
		return this.origin;
	}

	/** @return whether the worker must not store a result, or {@code null} for the task's own setting */
	public @Nullable Boolean ignoreResult() {
		return this.ignoreResult;
	}

	/** @return application headers other than Celery's own, in arrival order */
	public Map<String, @Nullable Object> extraHeaders() {
		return this.extraHeaders;
	}

	/** @return the positional arguments */
	public ArrayNode args() {
		return this.args;
	}

	/** @return the keyword arguments */
	public ObjectNode kwargs() {
		return this.kwargs;
	}

	/** @return signatures to apply on success ({@code embed.callbacks}) */
	public @Nullable JsonNode callbacks() {
		return this.callbacks;
	}

	/** @return signatures to apply on failure ({@code embed.errbacks}) */
	public @Nullable JsonNode errbacks() {
		return this.errbacks;
	}

	/** @return remaining chain steps, last one next ({@code embed.chain}) */
	public @Nullable JsonNode chain() {
		return this.chain;
	}

	/** @return the chord body ({@code embed.chord}) */
	public @Nullable JsonNode chord() {
		return this.chord;
	}

	/** @return the AMQP priority */
	public @Nullable Integer priority() {
		return this.priority;
	}

	/** @return the AMQP {@code reply_to} (the client's id; unused by the Redis backend) */
	public @Nullable String replyTo() {
		return this.replyTo;
	}

	@Override
	public String toString() {
		return this.task + "[" + this.id + "]";
	}

	/**
	 * Builder of {@link TaskMessage}.
	 */
	public static final class Builder {

		private final String task;

		private final String id;

		private String lang = "py";

		private @Nullable String shadow;

		private @Nullable Instant eta;

		private @Nullable Instant expires;

		private @Nullable String group;

		private @Nullable Integer groupIndex;

		private int retries;

		private @Nullable Double hardTimeLimit;

		private @Nullable Double softTimeLimit;

		private @Nullable String rootId;

		private @Nullable String parentId;

		private @Nullable String argsRepr;

		private @Nullable String kwargsRepr;

		private @Nullable String origin;

		private @Nullable Boolean ignoreResult;

		private final Map<String, @Nullable Object> extraHeaders = new LinkedHashMap<>();

		private ArrayNode args = JsonNodeFactory.instance.arrayNode();

		private ObjectNode kwargs = JsonNodeFactory.instance.objectNode();

		private @Nullable JsonNode callbacks;

		private @Nullable JsonNode errbacks;

		private @Nullable JsonNode chain;

		private @Nullable JsonNode chord;

		private @Nullable Integer priority;

		private @Nullable String replyTo;

		private Builder(String task, String id) {
			this.task = task;
			this.id = id;
		}

		public Builder lang(String lang) {
			this.lang = lang;
			return this;
		}

		public Builder shadow(@Nullable String shadow) {
			this.shadow = shadow;
			return this;
		}

		public Builder eta(@Nullable Instant eta) {
			this.eta = eta;
			return this;
		}

		public Builder expires(@Nullable Instant expires) {
			this.expires = expires;
			return this;
		}

		public Builder group(@Nullable String group, @Nullable Integer groupIndex) {
			this.group = group;
			this.groupIndex = groupIndex;
			return this;
		}

		public Builder retries(int retries) {
			this.retries = retries;
			return this;
		}

		public Builder timeLimits(@Nullable Double hard, @Nullable Double soft) {
			this.hardTimeLimit = hard;
			this.softTimeLimit = soft;
			return this;
		}

		public Builder rootId(@Nullable String rootId) {
			this.rootId = rootId;
			return this;
		}

		public Builder parentId(@Nullable String parentId) {
			this.parentId = parentId;
			return this;
		}

		public Builder argsRepr(@Nullable String argsRepr) {
			this.argsRepr = argsRepr;
			return this;
		}

		public Builder kwargsRepr(@Nullable String kwargsRepr) {
			this.kwargsRepr = kwargsRepr;
			return this;
		}

		public Builder origin(@Nullable String origin) {
			this.origin = origin;
			return this;
		}

		public Builder ignoreResult(@Nullable Boolean ignoreResult) {
			this.ignoreResult = ignoreResult;
			return this;
		}

		public Builder header(String name, @Nullable Object value) {
			this.extraHeaders.put(name, value);
			return this;
		}

		public Builder headers(Map<String, ? extends @Nullable Object> headers) {
			this.extraHeaders.putAll(headers);
			return this;
		}

		public Builder args(ArrayNode args) {
			this.args = args;
			return this;
		}

		public Builder kwargs(ObjectNode kwargs) {
			this.kwargs = kwargs;
			return this;
		}

		public Builder callbacks(@Nullable JsonNode callbacks) {
			this.callbacks = callbacks;
			return this;
		}

		public Builder errbacks(@Nullable JsonNode errbacks) {
			this.errbacks = errbacks;
			return this;
		}

		public Builder chain(@Nullable JsonNode chain) {
			this.chain = chain;
			return this;
		}

		public Builder chord(@Nullable JsonNode chord) {
			this.chord = chord;
			return this;
		}

		public Builder priority(@Nullable Integer priority) {
			this.priority = priority;
			return this;
		}

		public Builder replyTo(@Nullable String replyTo) {
			this.replyTo = replyTo;
			return this;
		}

		public TaskMessage build() {
			return new TaskMessage(this);
		}

	}

}
