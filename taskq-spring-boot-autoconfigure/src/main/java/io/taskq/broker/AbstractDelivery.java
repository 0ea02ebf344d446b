package io.taskq.broker;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.taskq.protocol.WireMessage;

/**
 * A {@link Delivery} settled exactly once, by an ack or a requeue, from whichever thread gets there first (the
 * consumer after the task, or a timer when a long task switches to a lease); a broker supplies how it acknowledges
 * and requeues.
 */
public abstract class AbstractDelivery implements Delivery {

	private final WireMessage message;

	private final @Nullable String queue;

	private final boolean redelivered;

	private final AtomicBoolean settled = new AtomicBoolean();

	/**
	 * Create a delivery.
	 * @param message the message
	 * @param queue the queue it came from, or {@code null} if the broker did not say
	 * @param redelivered whether the broker delivered it before
	 */
	protected AbstractDelivery(WireMessage message, @Nullable String queue, boolean redelivered) {
		this.message = message;
		this.queue = queue;
		this.redelivered = redelivered;
	}

	@Override
	public WireMessage message() {
		return this.message;
	}

	@Override
	public @Nullable String queue() {
		return this.queue;
	}

	@Override
	public boolean isRedelivered() {
		return this.redelivered;
	}

	@Override
	public void ack() {
		if (this.settled.compareAndSet(false, true)) {
			acknowledge();
		}
	}

	@Override
	public void requeue() {
		if (this.settled.compareAndSet(false, true)) {
			giveBack();
		}
	}

	@Override
	public boolean isSettled() {
		return this.settled.get();
	}

	/**
	 * Acknowledge the delivery to the broker; called once, and not after {@link #giveBack()}.
	 */
	protected abstract void acknowledge();

	/**
	 * Give the delivery back to its queue; called once, and not after {@link #acknowledge()}. A delivery whose
	 * connection is gone goes back on its own: this must not throw then.
	 */
	protected abstract void giveBack();

}
