package io.taskq.worker;

import org.jspecify.annotations.Nullable;

import io.taskq.broker.Delivery;
import io.taskq.protocol.WireMessage;

/**
 * A delivery for unit tests of the worker: records how it was settled.
 */
public final class FakeDelivery implements Delivery {

	private final WireMessage message;

	private final @Nullable String queue;

	private final boolean redelivered;

	private int acks;

	private int requeues;

	public FakeDelivery(WireMessage message, @Nullable String queue, boolean redelivered) {
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
	public synchronized void ack() {
		if (!isSettled()) {
			this.acks++;
		}
	}

	@Override
	public synchronized void requeue() {
		if (!isSettled()) {
			this.requeues++;
		}
	}

	@Override
	public synchronized boolean isSettled() {
		return this.acks + this.requeues > 0;
	}

	public synchronized boolean isAcked() {
		return this.acks == 1;
	}

	public synchronized boolean isRequeued() {
		return this.requeues == 1;
	}

}
