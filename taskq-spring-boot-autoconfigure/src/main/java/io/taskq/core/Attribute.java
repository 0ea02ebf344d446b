package io.taskq.core;

/**
 * A typed key of a value that the steps of one run of a pipeline share ({@code TaskExecution}'s on the worker,
 * {@link OutgoingTask}'s on the producer), compared by identity: declare one as a constant.
 *
 * @param <T> the value's type
 * @param name the name, for debugging
 * @param type the value's type
 */
public record Attribute<T>(String name, Class<T> type) {

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
