package io.taskq.it;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unique names for the queues of one test class, so suites can run in parallel and twice in a row on the same
 * broker. Every name handed out is remembered, so that {@link BrokerCleanup} can delete what is left of it (the
 * queue, and the exchange of the same name that taskq declares beside it, as Celery does) when the test run ends.
 */
public final class TestQueues {

	private static final Set<String> names = ConcurrentHashMap.newKeySet();

	private TestQueues() {
	}

	/**
	 * A queue name unique to this run.
	 * @param purpose what the queue is for
	 * @return the queue name
	 */
	public static String unique(String purpose) {
		String name = "taskq-test." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
		names.add(name);
		return name;
	}

	/**
	 * The names handed out in this JVM so far.
	 * @return the queue names
	 */
	static Set<String> handedOut() {
		return Set.copyOf(names);
	}

}
