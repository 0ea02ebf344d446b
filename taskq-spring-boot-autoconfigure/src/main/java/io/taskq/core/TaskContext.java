package io.taskq.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a running task knows about itself. Declare a parameter of this type on a
 * {@link io.taskq.annotation.TaskHandler @TaskHandler} method to receive it; it takes no task argument.
 * <p>
 * While a handler runs, {@link #current()} returns its context on the handler's thread; tasks sent from
 * there carry this task as their parent and root, as Celery's do.
 */
public final class TaskContext {

	private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

	private final String taskId;

	private final String taskName;

	private final int retries;

	private final String rootId;

	private final @Nullable String parentId;

	private final @Nullable String groupId;

	private final @Nullable String queue;

	private final Map<String, @Nullable Object> headers;

	private final List<String> children = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean softTimeLimitExceeded;

	public TaskContext(String taskId, String taskName, int retries, String rootId, @Nullable String parentId,
			@Nullable String groupId, @Nullable String queue, Map<String, @Nullable Object> headers) {
		this.taskId = taskId;
		this.taskName = taskName;
		this.retries = retries;
		this.rootId = rootId;
		this.parentId = parentId;
		this.groupId = groupId;
		this.queue = queue;
		this.headers = Collections.unmodifiableMap(headers);
	}

	/**
	 * The context of the task running on this thread.
	 * @return the context, or {@code null} outside a task
	 */
	public static @Nullable TaskContext current() {
		return CURRENT.get();
	}

	/**
	 * Run an action with this context as the current one on this thread; the worker runs the handler so.
	 * @param action the action
	 * @throws Exception what the action throws
	 */
	public void runAsCurrent(ThrowingRunnable action) throws Exception {
		TaskContext previous = CURRENT.get();
		CURRENT.set(this);
		try {
			action.run();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * The task id.
	 * @return the id
	 */
	public String getTaskId() {
		return this.taskId;
	}

	/**
	 * The task name.
	 * @return the name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * How many times this task has been retried; 0 on the first attempt.
	 * @return the retries
	 */
	public int getRetries() {
		return this.retries;
	}

	/**
	 * Id of the first task of the workflow this task belongs to (its own id when sent on its own).
	 * @return the root id
	 */
	public String getRootId() {
		return this.rootId;
	}

	/**
	 * Id of the task that sent this one.
	 * @return the parent id, or {@code null} when sent from outside a task
	 */
	public @Nullable String getParentId() {
		return this.parentId;
	}

	/**
	 * Id of the group this task belongs to.
	 * @return the group id, or {@code null}
	 */
	public @Nullable String getGroupId() {
		return this.groupId;
	}

	/**
	 * Queue (routing key) the task was delivered from.
	 * @return the queue, or {@code null} if unknown
	 */
	public @Nullable String getQueue() {
		return this.queue;
	}

	/**
	 * All application headers of the task message, including Celery's own.
	 * @return the headers
	 */
	public Map<String, @Nullable Object> getHeaders() {
		return this.headers;
	}

	/**
	 * Whether the task ran past its soft time limit; its thread was interrupted then, so it can clean up and
	 * stop. A task that throws after this fails with Celery's {@code SoftTimeLimitExceeded}; one that returns
	 * succeeds.
	 * @return whether the soft time limit was exceeded
	 */
	public boolean isSoftTimeLimitExceeded() {
		return this.softTimeLimitExceeded;
	}

	/**
	 * Note that the task ran past its soft time limit; the worker calls this as it interrupts the task.
	 */
	public void markSoftTimeLimitExceeded() {
		this.softTimeLimitExceeded = true;
	}

	/**
	 * Retry this task after its retry policy's countdown: {@code throw context.retry();}.
	 * @return the exception to throw
	 */
	public TaskRetryException retry() {
		return new TaskRetryException(null, null);
	}

	/**
	 * Retry this task after a countdown: {@code throw context.retry(Duration.ofSeconds(30), ex);}. The retry is a
	 * new message with {@code retries} raised (Celery's way), never a sleeping thread; once the task's retries
	 * are used up, it fails with the cause.
	 * @param countdown the delay before the next attempt
	 * @param cause why, stored with the RETRY state, or {@code null}
	 * @return the exception to throw
	 */
	public TaskRetryException retry(Duration countdown, @Nullable Throwable cause) {
		return new TaskRetryException(countdown, cause);
	}

	/**
	 * Record a task sent from inside this one; it is stored as a child in this task's result.
	 * @param childTaskId the child's task id
	 */
	public void addChild(String childTaskId) {
		this.children.add(childTaskId);
	}

	/**
	 * Ids of the tasks sent from inside this one, in the order they were sent.
	 * @return the children's ids
	 */
	public List<String> getChildren() {
		synchronized (this.children) {
			return List.copyOf(this.children);
		}
	}

	/**
	 * An action that may throw.
	 */
	@FunctionalInterface
	public interface ThrowingRunnable {

		/**
		 * Run the action.
		 * @throws Exception what it throws
		 */
		void run() throws Exception;

	}

}
