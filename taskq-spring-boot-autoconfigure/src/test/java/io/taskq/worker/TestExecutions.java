package io.taskq.worker;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;

/**
 * Executions of the worker's pipeline for unit tests: a task message encoded as it travels, delivered by a
 * {@link FakeDelivery}, run by a registered handler method.
 */
public final class TestExecutions {

	/** taskq's JSON mapper, as the worker binds arguments with it. */
	public static final JsonMapper JSON = TaskArgumentRules.applyTo(JsonMapper.builder()).build();

	/** The codec. */
	public static final TaskMessageCodec CODEC = new TaskMessageCodec(JsonMapper.builder().build());

	/** The time executions are received at. */
	public static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	/** The task most tests run: {@link Calculator#add}. */
	public static final String ADD = "tasks.add";

	/** The node name of {@link #settings}. */
	public static final String NODE_NAME = "worker-1@host";

	/** How long states are kept, by {@link #settings}. */
	public static final Duration RESULT_EXPIRES = Duration.ofDays(1);

	private TestExecutions() {
	}

	/**
	 * A worker's settings: node {@link #NODE_NAME}, STARTED tracked, states kept {@link #RESULT_EXPIRES}, bodies
	 * up to 1 MB, leases after 10 minutes for a minute, 3 redeliveries.
	 * @param extendedResults whether results carry the extended fields
	 * @return the settings
	 */
	public static TaskWorkerSettings settings(boolean extendedResults) {
		return new TaskWorkerSettings(NODE_NAME, true, RESULT_EXPIRES, extendedResults, 1_000_000,
				Duration.ofMinutes(10), Duration.ofMinutes(1), 3);
	}

	/**
	 * A registered task running a method of a bean, with default options.
	 * @param name the task name
	 * @param bean the bean
	 * @param methodName the method's name (the only method of that name)
	 * @return the task
	 */
	public static RegisteredTask task(String name, Object bean, String methodName) {
		return task(endpoint(name, bean, methodName));
	}

	/**
	 * A registered task.
	 * @param endpoint its endpoint
	 * @return the task
	 */
	public static RegisteredTask task(TaskEndpoint endpoint) {
		return new RegisteredTask(endpoint, new TaskMethodInvoker(endpoint.bean(), endpoint.method(), JSON));
	}

	/**
	 * An endpoint with default options: results stored, acknowledged late, no retries, limits or exclusion.
	 * @param name the task name
	 * @param bean the bean
	 * @param methodName the method's name
	 * @return the endpoint
	 */
	public static TaskEndpoint endpoint(String name, Object bean, String methodName) {
		return endpointBuilder(name, bean, methodName).build();
	}

	/**
	 * An endpoint to build, from the default options of {@link #endpoint}.
	 * @param name the task name
	 * @param bean the bean
	 * @param methodName the method's name
	 * @return the builder
	 */
	public static EndpointBuilder endpointBuilder(String name, Object bean, String methodName) {
		Method method = Arrays.stream(bean.getClass().getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		return new EndpointBuilder(name, bean, method);
	}

	/**
	 * An endpoint of {@link #ADD} to build, from the default options of {@link #endpoint}.
	 * @return the builder
	 */
	public static EndpointBuilder addEndpoint() {
		return endpointBuilder(ADD, new Calculator(), "add");
	}

	/**
	 * A message of {@link #ADD}.
	 * @param id the task id
	 * @param a the first argument
	 * @param b the second argument
	 * @return the message's builder
	 */
	public static TaskMessage.Builder addMessage(String id, int a, int b) {
		return TaskMessage.builder(ADD, id).args(JSON.createArrayNode().add(a).add(b));
	}

	/**
	 * An execution of a message, delivered from queue {@code queue} for the first time.
	 * @param message the message
	 * @param task the task it runs
	 * @return the execution
	 */
	public static TaskExecution execution(TaskMessage message, RegisteredTask task) {
		return execution(message, task, false);
	}

	/**
	 * An execution of a message.
	 * @param message the message
	 * @param task the task it runs
	 * @param redelivered whether the broker redelivered it
	 * @return the execution
	 */
	public static TaskExecution execution(TaskMessage message, RegisteredTask task, boolean redelivered) {
		return execution(delivery(message, "queue", redelivered), message, task);
	}

	/**
	 * An execution of a message in a delivery.
	 * @param delivery the delivery, of the message {@link #delivery encoded}
	 * @param message the message
	 * @param task the task it runs
	 * @return the execution
	 */
	public static TaskExecution execution(FakeDelivery delivery, TaskMessage message, RegisteredTask task) {
		return TaskExecution.of(delivery, NOW, message, task);
	}

	/**
	 * A delivery of a message, encoded as it travels.
	 * @param message the message
	 * @param queue the queue it came from, or {@code null} if the broker did not say
	 * @param redelivered whether the broker redelivered it
	 * @return the delivery
	 */
	public static FakeDelivery delivery(TaskMessage message, @Nullable String queue, boolean redelivered) {
		return new FakeDelivery(CODEC.encode(message), queue, redelivered);
	}

	/**
	 * Run an execution's completion callbacks, as the pipeline does once its outcome is applied.
	 * @param execution the execution
	 * @param applied the outcome applied, or {@code null} for processing that failed
	 */
	public static void complete(TaskExecution execution, @Nullable TaskOutcome applied) {
		execution.complete(applied);
	}

	/**
	 * The handler of {@link #ADD}.
	 */
	public static final class Calculator {

		public int add(int a, int b) {
			return a + b;
		}

	}

	/**
	 * Builds an endpoint, from the default options of {@link #endpoint}.
	 */
	public static final class EndpointBuilder {

		private final String name;

		private final Object bean;

		private final Method method;

		private boolean storeResult = true;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private TimeLimits timeLimits = TimeLimits.NONE;

		private boolean acksLate = true;

		private @Nullable RateLimit rateLimit;

		private ExclusivePolicy exclusive = ExclusivePolicy.NONE;

		private @Nullable Duration resultExpires;

		private EndpointBuilder(String name, Object bean, Method method) {
			this.name = name;
			this.bean = bean;
			this.method = method;
		}

		public EndpointBuilder storeResult(boolean storeResult) {
			this.storeResult = storeResult;
			return this;
		}

		public EndpointBuilder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		public EndpointBuilder timeLimits(TimeLimits timeLimits) {
			this.timeLimits = timeLimits;
			return this;
		}

		public EndpointBuilder acksLate(boolean acksLate) {
			this.acksLate = acksLate;
			return this;
		}

		public EndpointBuilder rateLimit(RateLimit rateLimit) {
			this.rateLimit = rateLimit;
			return this;
		}

		public EndpointBuilder exclusive(ExclusivePolicy exclusive) {
			this.exclusive = exclusive;
			return this;
		}

		public EndpointBuilder resultExpires(Duration resultExpires) {
			this.resultExpires = resultExpires;
			return this;
		}

		public TaskEndpoint build() {
			return new TaskEndpoint(this.name, "queue", "bean", this.bean, this.method, this.storeResult,
					this.retryPolicy, this.timeLimits, this.acksLate, this.rateLimit, this.exclusive,
					this.resultExpires);
		}

	}

}
