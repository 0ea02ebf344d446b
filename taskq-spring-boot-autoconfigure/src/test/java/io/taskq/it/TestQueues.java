package io.taskq.it;

import java.util.UUID;

/**
 * Unique names for the queues of one test class, so suites can run in parallel and twice in a row on the same
 * broker.
 */
public final class TestQueues {

	private TestQueues() {
	}

	/**
	 * A queue name unique to this run.
	 * @param purpose what the queue is for
	 * @return the queue name
	 */
	public static String unique(String purpose) {
		return "taskq-test." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
	}

}
