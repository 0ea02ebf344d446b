package io.taskq.core;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The values the steps of one run of a pipeline share, by {@link Attribute}. Used by one thread at a time.
 */
public final class Attributes {

	private @Nullable Map<Attribute<?>, Object> values;

	/**
	 * A value.
	 * @param <T> its type
	 * @param attribute its key
	 * @return the value, or {@code null} if not set
	 */
	public <T> @Nullable T get(Attribute<T> attribute) {
		return (this.values != null) ? attribute.type().cast(this.values.get(attribute)) : null;
	}

	/**
	 * Set a value.
	 * @param <T> its type
	 * @param attribute its key
	 * @param value the value
	 */
	public <T> void set(Attribute<T> attribute, T value) {
		if (this.values == null) {
			this.values = new IdentityHashMap<>();
		}
		this.values.put(attribute, value);
	}

}
