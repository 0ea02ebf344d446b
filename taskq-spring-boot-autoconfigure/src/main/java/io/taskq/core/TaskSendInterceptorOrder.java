package io.taskq.core;

/**
 * The order of taskq's own {@link TaskSendInterceptor}s, outermost first. A step of your own goes between two of
 * these (say {@code TaskSendInterceptorOrder.SENT_AT + 1}).
 * <p>
 * The idempotency claim comes first, as the template made it before anything else: a send whose key was claimed
 * before ends there and does nothing more (it is neither recorded as a child nor told to listeners), and the
 * claim is released whatever fails inside it.
 */
public final class TaskSendInterceptorOrder {

	/** Claim the send's idempotency key, or return the handle of the task that claimed it. */
	public static final int IDEMPOTENCY = 100;

	/** Choose the queue and the default priority. */
	public static final int ROUTING = 200;

	/** Make the running task the parent (and its root the root), and record the child once sent. */
	public static final int PARENT = 300;

	/** Add the sent-at header. */
	public static final int SENT_AT = 400;

	/** Store SENT. */
	public static final int SENT_STATE = 500;

	private TaskSendInterceptorOrder() {
	}

}
