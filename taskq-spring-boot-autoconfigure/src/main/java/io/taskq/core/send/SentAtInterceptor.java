package io.taskq.core.send;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.core.TaskSendInterceptorOrder;
import io.taskq.core.TaskTemplate;

/**
 * Adds the {@linkplain TaskTemplate#SENT_AT_HEADER sent-at header}, from which workers measure the time a task
 * waited.
 */
public class SentAtInterceptor implements TaskSendInterceptor {

	@Override
	public TaskHandle intercept(OutgoingTask task, Chain chain) {
		task.messageBuilder().header(TaskTemplate.SENT_AT_HEADER, task.sentAt().toEpochMilli());
		return chain.proceed(task);
	}

	@Override
	public int getOrder() {
		return TaskSendInterceptorOrder.SENT_AT;
	}

}
