package io.taskq.broker;

/**
 * Runs what a delivery asks for and settles it.
 */
@FunctionalInterface
public interface DeliveryHandler {

	/**
	 * Handle a delivery. Returning normally, the delivery is settled; throwing, the consumer requeues it if it is
	 * not settled, and goes on with the next one.
	 * @param delivery the delivery
	 */
	void handle(Delivery delivery);

}
