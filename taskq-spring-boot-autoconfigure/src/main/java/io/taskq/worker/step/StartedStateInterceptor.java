package io.taskq.worker.step;

import java.lang.management.ManagementFactory;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.result.TaskState;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskInterceptor;
import io.taskq.worker.TaskInterceptorOrder;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskStateWriter;

/**
 * Stores STARTED, with the worker's pid and node name, as a task begins (Celery's {@code task_track_started}).
 */
public class StartedStateInterceptor implements TaskInterceptor {

	private static final long PID = ManagementFactory.getRuntimeMXBean().getPid();

	private final TaskStateWriter states;

	private final String nodeName;

	/**
	 * Create the step.
	 * @param states stores the state
	 * @param nodeName this worker's node name (Celery's {@code hostname})
	 */
	public StartedStateInterceptor(TaskStateWriter states, String nodeName) {
		this.states = states;
		this.nodeName = nodeName;
	}

	@Override
	public boolean appliesTo(TaskEndpoint endpoint) {
		return endpoint.storeResult();
	}

	@Override
	public TaskOutcome intercept(TaskExecution execution, Chain chain) throws Exception {
		if (execution.storesResult()) {
			ObjectNode started = JsonNodeFactory.instance.objectNode();
			started.put("pid", PID);
			started.put("hostname", this.nodeName);
			this.states.write(execution, TaskState.STARTED, started, null);
		}
		return chain.proceed(execution);
	}

	@Override
	public int getOrder() {
		return TaskInterceptorOrder.STARTED;
	}

}
