package io.taskq.beat;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells {@link BeatListener}s, in order, each shielded from the others' exceptions.
 */
final class BeatListeners {

	private static final Log logger = LogFactory.getLog(BeatListeners.class);

	private final List<BeatListener> listeners;

	BeatListeners(List<BeatListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	void recorded(String schedule, List<BeatRun> runs, long missed) {
		if (runs.isEmpty()) {
			return;
		}
		for (BeatListener listener : this.listeners) {
			try {
				listener.recorded(schedule, runs, missed);
			}
			catch (RuntimeException ex) {
				logger.warn("Beat listener " + listener + " failed on schedule '" + schedule + "'", ex);
			}
		}
	}

}
