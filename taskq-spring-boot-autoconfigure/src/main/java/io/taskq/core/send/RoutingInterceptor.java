package io.taskq.core.send;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;

/**
 * Chooses the queue a task goes to, and its priority when the send names none, from the {@link TaskRoutes}.
 */
public class RoutingInterceptor implements TaskSendInterceptor {

	private final TaskRoutes routes;

	/**
	 * Create the step.
	 * @param routes the routes
	 */
	public RoutingInterceptor(TaskRoutes routes) {
		this.routes = routes;
	}

	@Override
	public TaskHandle intercept(OutgoingTask task, Chain chain) {
		TaskRequest request = task.request();
		task.setQueue(this.routes.queueFor(request.task(), request.queue()));
		if (request.priority() == null) {
			task.messageBuilder().priority(this.routes.priorityFor(request.task()));
		}
		return chain.proceed(task);
	}

	@Override
	public int getOrder() {
		return TaskSendInterceptorOrder.ROUTING;
	}

}
