package io.taskq.worker;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.AbstractDelivery;
import io.taskq.protocol.WireMessage;

/**
 * A delivery for unit tests of the worker: records how it was settled.
 */
public final class FakeDelivery extends AbstractDelivery {

	private volatile boolean acked;

	private volatile boolean requeued;

	public FakeDelivery(WireMessage message, @Nullable String queue, boolean redelivered) {
		super(message, queue, redelivered);
	}

	@Override
	protected void acknowledge() {
		this.acked = true;
	}

	@Override
	protected void giveBack() {
		this.requeued = true;
	}

	public boolean isAcked() {
		return this.acked;
	}

	public boolean isRequeued() {
		return this.requeued;
	}

}
