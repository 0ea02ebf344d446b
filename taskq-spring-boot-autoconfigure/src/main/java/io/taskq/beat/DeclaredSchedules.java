package io.taskq.beat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;

/**
 * The schedules an application declares: in code ({@link io.taskq.annotation.Periodic @Periodic}) and in
 * configuration ({@code taskq.beat.schedules.*}), where one of the same name overrides the one in code. The
 * scheduler synchronises the store with them at start-up.
 */
public class DeclaredSchedules {

	private final ObjectMapper jsonMapper;

	private final Map<String, BeatSchedule> configured = new LinkedHashMap<>();

	private final Map<String, String> sources = new LinkedHashMap<>();

	private final Map<String, BeatSchedule> inCode = new LinkedHashMap<>();

	/**
	 * Create the declarations.
	 * @param configured the schedules declared in configuration
	 * @param jsonMapper reads arguments declared as JSON text
	 */
	public DeclaredSchedules(Collection<BeatSchedule> configured, ObjectMapper jsonMapper) {
		configured.forEach((schedule) -> this.configured.put(schedule.name(), declared(schedule)));
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The mapper that arguments declared as JSON text are read with: taskq's, the one tasks are sent with.
	 * @return the mapper
	 */
	public ObjectMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Declare a schedule in code.
	 * @param schedule the schedule
	 * @param source where it is declared, for messages (for example a method)
	 * @throws IllegalStateException if another schedule of the same name is declared in code
	 */
	public synchronized void declare(BeatSchedule schedule, String source) {
		String other = this.sources.putIfAbsent(schedule.name(), source);
		if (other != null) {
			throw new IllegalStateException("Schedule '" + schedule.name() + "' is declared twice, on " + other
					+ " and on " + source + ": give one a name of its own");
		}
		this.inCode.put(schedule.name(), declared(schedule));
	}

	/**
	 * The declared schedules, each marked {@linkplain BeatSchedule#declared() declared}.
	 * @return the schedules, those in code first
	 */
	public synchronized List<BeatSchedule> schedules() {
		Map<String, BeatSchedule> all = new LinkedHashMap<>(this.inCode);
		all.putAll(this.configured);
		return new ArrayList<>(all.values());
	}

	private static BeatSchedule declared(BeatSchedule schedule) {
		return schedule.declared() ? schedule : schedule.toBuilder().declared(true).build();
	}

}
