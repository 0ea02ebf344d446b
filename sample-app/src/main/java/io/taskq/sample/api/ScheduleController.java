package io.taskq.sample.api;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.taskq.beat.BeatOperations;
import io.taskq.core.TaskHandle;

/**
 * Periodic tasks at runtime, through {@link BeatOperations}: list, read (with the next due instant and the latest
 * runs), add or replace, pause, resume, trigger now and remove schedules. Changes are kept in Redis and apply on
 * every instance at its next poll; a schedule declared in application.yml or with {@code @Periodic} is put back as
 * declared at the next start of an instance that declares it.
 */
@RestController
@RequestMapping("/api/schedules")
public class ScheduleController {

	private final BeatOperations beat;

	public ScheduleController(BeatOperations beat) {
		this.beat = beat;
	}

	/**
	 * Every schedule, by name, without history.
	 * @return the schedules
	 */
	@GetMapping
	public List<ScheduleView> list() {
		return this.beat.list()
			.stream()
			.map((info) -> ScheduleView.of(info, false))
			.sorted(Comparator.comparing(ScheduleView::name))
			.toList();
	}

	/**
	 * A schedule, with its next due instant and its latest runs.
	 * @param name the schedule's name
	 * @return the schedule
	 */
	@GetMapping("/{name}")
	public ScheduleView get(@PathVariable String name) {
		return this.beat.get(name).map((info) -> ScheduleView.of(info, true)).orElseThrow(() -> notFound(name));
	}

	/**
	 * Add a schedule, or replace the one of that name; its next tick counts from now.
	 * @param name the schedule's name
	 * @param body the definition (see {@link ScheduleRequest})
	 * @return the schedule as saved
	 */
	@PutMapping("/{name}")
	public ScheduleView put(@PathVariable String name, @RequestBody(required = false) @Nullable JsonNode body) {
		this.beat.save(ScheduleRequest.from(name, body));
		return get(name);
	}

	/**
	 * Pause a schedule: it fires nothing until resumed.
	 * @param name the schedule's name
	 * @return the schedule
	 */
	@PostMapping("/{name}/pause")
	public ScheduleView pause(@PathVariable String name) {
		if (!this.beat.pause(name)) {
			throw notFound(name);
		}
		return get(name);
	}

	/**
	 * Resume a paused schedule; the ticks it missed meanwhile are handled by its missed-ticks policy.
	 * @param name the schedule's name
	 * @return the schedule
	 */
	@PostMapping("/{name}/resume")
	public ScheduleView resume(@PathVariable String name) {
		if (!this.beat.resume(name)) {
			throw notFound(name);
		}
		return get(name);
	}

	/**
	 * Send a schedule's task now, once, besides its ticks.
	 * @param name the schedule's name
	 * @return 202 with the task's id
	 */
	@PostMapping("/{name}/trigger")
	public ResponseEntity<Map<String, String>> trigger(@PathVariable String name) {
		TaskHandle handle = this.beat.trigger(name).orElseThrow(() -> notFound(name));
		return ResponseEntity.accepted()
			.location(URI.create("/api/tasks/" + handle.id()))
			.body(Map.of("id", handle.id()));
	}

	/**
	 * Remove a schedule and its history.
	 * @param name the schedule's name
	 * @return 204
	 */
	@DeleteMapping("/{name}")
	public ResponseEntity<Void> delete(@PathVariable String name) {
		if (!this.beat.remove(name)) {
			throw notFound(name);
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseStatusException notFound(String name) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No schedule named '" + name + "'");
	}

}
