package io.taskq.worker;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;

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

	private TestExecutions() {
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
		Method method = Arrays.stream(bean.getClass().getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		return new TaskEndpoint(name, "queue", "bean", bean, method, true, RetryPolicy.DEFAULT, TimeLimits.NONE, true,
				null, ExclusivePolicy.NONE, null);
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
		FakeDelivery delivery = new FakeDelivery(CODEC.encode(message), "queue", redelivered);
		return TaskExecution.of(delivery, NOW, message, task);
	}

}
