package io.taskq.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Runs each task through its chain of {@link TaskInterceptor}s to its handler. A task's chain is compiled once,
 * on its first run, from the interceptors that apply to it, in order; a run walks it by index.
 */
public class TaskChains {

	private final List<TaskInterceptor> interceptors;

	private final HandlerInvocation handler;

	private final Map<String, TaskInterceptor[]> compiled = new ConcurrentHashMap<>();

	/**
	 * Create the chains.
	 * @param interceptors every interceptor, in any order
	 * @param listeners told when a handler starts
	 */
	public TaskChains(List<TaskInterceptor> interceptors, List<TaskLifecycleListener> listeners) {
		List<TaskInterceptor> sorted = new ArrayList<>(interceptors);
		AnnotationAwareOrderComparator.sort(sorted);
		this.interceptors = List.copyOf(sorted);
		this.handler = new HandlerInvocation(TaskLifecycleListeners.of(listeners));
	}

	/**
	 * Run a task.
	 * @param execution the execution
	 * @return its outcome
	 * @throws Exception if processing cannot go on
	 */
	public TaskOutcome run(TaskExecution execution) throws Exception {
		TaskEndpoint endpoint = execution.endpoint();
		TaskInterceptor[] chain = this.compiled.get(endpoint.name());
		if (chain == null) {
			chain = this.compiled.computeIfAbsent(endpoint.name(), (name) -> compile(endpoint));
		}
		return new Cursor(chain, this.handler).proceed(execution);
	}

	/**
	 * The interceptors that apply to a task, in order.
	 * @param endpoint the task's endpoint
	 * @return its chain
	 */
	public List<TaskInterceptor> chainOf(TaskEndpoint endpoint) {
		return List.of(compile(endpoint));
	}

	private TaskInterceptor[] compile(TaskEndpoint endpoint) {
		return this.interceptors.stream()
			.filter((interceptor) -> interceptor.appliesTo(endpoint))
			.toArray(TaskInterceptor[]::new);
	}

	/**
	 * Walks one run along its chain: each {@link #proceed} runs the next step, and after the last one the handler.
	 */
	private static final class Cursor implements TaskInterceptor.Chain {

		private final TaskInterceptor[] chain;

		private final HandlerInvocation handler;

		private int next;

		Cursor(TaskInterceptor[] chain, HandlerInvocation handler) {
			this.chain = chain;
			this.handler = handler;
		}

		@Override
		public TaskOutcome proceed(TaskExecution execution) throws Exception {
			if (this.next < this.chain.length) {
				return this.chain[this.next++].intercept(execution, this);
			}
			return this.handler.invoke(execution);
		}

	}

}
