package io.taskq.core.send;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;

/**
 * Gives a task sent while another task runs on the same thread that task as its parent, and that task's root as
 * its root; once sent, the task is recorded as one of the running task's children, as in Celery. A task sent from
 * elsewhere is its own root.
 */
public class ParentTaskInterceptor implements TaskSendInterceptor {

	@Override
	public TaskHandle intercept(OutgoingTask task, Chain chain) {
		TaskContext parent = TaskContext.current();
		if (parent == null) {
			return chain.proceed(task);
		}
		task.messageBuilder().rootId(parent.getRootId()).parentId(parent.getTaskId());
		TaskHandle handle = chain.proceed(task);
		parent.addChild(task.taskId());
		return handle;
	}

	@Override
	public int getOrder() {
		return TaskSendInterceptorOrder.PARENT;
	}

}
