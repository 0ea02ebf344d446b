package io.taskq.worker.outcome;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskLifecycleListener;
import io.taskq.worker.TaskOutcome;

/**
 * Logs how each delivery ended, one line each: a message rejected to the dead-letter queue or a task that failed
 * for good at ERROR (the failure with its stack trace), a retry, a revoked or dropped task at INFO, a deferral at
 * DEBUG; a success is not logged.
 */
public class OutcomeLog implements TaskLifecycleListener {

	private static final Log logger = LogFactory.getLog("io.taskq.worker.TaskPipeline");

	private final String deadLetterQueue;

	/**
	 * Create the log.
	 * @param deadLetterQueue the dead-letter queue's name, for rejections
	 */
	public OutcomeLog(String deadLetterQueue) {
		this.deadLetterQueue = deadLetterQueue;
	}

	@Override
	public void taskCompleted(TaskExecution execution, TaskOutcome outcome) {
		if (outcome instanceof TaskOutcome.Rejected rejected) {
			String task = (execution.taskName() != null)
					? execution.taskName() + "[" + ((execution.taskId() != null) ? execution.taskId() : "?") + "]"
					: "(unknown task)";
			logger.error("Rejected message from queue '" + execution.queue() + "' " + task + " to dead-letter queue '"
					+ this.deadLetterQueue + "': " + rejected.reason() + ": " + rejected.error().getMessage());
		}
		else if (outcome instanceof TaskOutcome.Failed failed) {
			int retries = execution.message().retries();
			logger.error("Task " + execution + " failed" + ((retries > 0) ? " after " + retries + " retries" : "")
					+ ": " + failed.error().getClass().getName() + ": " + failed.error().getMessage(), failed.error());
		}
		else if (outcome instanceof TaskOutcome.Retrying retrying) {
			logger.info("Task " + execution + " retry " + (execution.message().retries() + 1) + "/"
					+ execution.endpoint().retryPolicy().maxRetries() + " in " + retrying.countdown().toMillis()
					+ " ms: " + retrying.reason());
		}
		else if (outcome instanceof TaskOutcome.Revoked revoked) {
			logger.info("Task " + execution + " " + describe(execution, revoked) + " (REVOKED)");
		}
		else if (outcome instanceof TaskOutcome.Requeued requeued) {
			logger.warn("Task " + execution + " goes back to the queue: " + requeued.cause());
		}
		else if (outcome instanceof TaskOutcome.Dropped dropped) {
			logger.info("Task " + execution + " " + dropped.reason() + "; dropping this copy");
		}
		else if (outcome instanceof TaskOutcome.Deferred deferred && logger.isDebugEnabled()) {
			logger.debug("Task " + execution + " waits until " + deferred.due() + " for " + deferred.reason());
		}
	}

	private static String describe(TaskExecution execution, TaskOutcome.Revoked revoked) {
		return switch (revoked.kind()) {
			case REVOKED -> "is revoked; not running it";
			case EXPIRED -> "expired at " + execution.message().expires() + "; not running it";
			case TERMINATED -> "was terminated by a revoke";
			case SKIPPED -> revoked.reason();
		};
	}

}
