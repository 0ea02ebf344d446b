package io.taskq.sample.reports;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.taskq.sample.api.InvalidRequestException;

/**
 * Report data: {@code POST /api/reports/{id}} creates or updates a report (a new revision), {@code GET} reads it.
 * Generate its PDF with the {@code reports.generate_pdf} task.
 */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

	private final ReportStore store;

	public ReportController(ReportStore store) {
		this.store = store;
	}

	/**
	 * Create or update a report.
	 * @param id the report id
	 * @param data the report's title and rows
	 * @return the id and the new revision
	 */
	@PostMapping("/{id}")
	public Map<String, Object> save(@PathVariable String id, @RequestBody ReportData data) {
		if (data.title() == null || data.title().isBlank()) {
			throw new InvalidRequestException("'title' is required");
		}
		List<String> rows = (data.rows() != null) ? data.rows() : List.of();
		if (rows.stream().anyMatch(Objects::isNull)) {
			throw new InvalidRequestException("'rows' must not contain null");
		}
		return Map.of("id", id, "revision", this.store.save(id, data.title(), rows));
	}

	/**
	 * Read a report's data.
	 * @param id the report id
	 * @return the report
	 */
	@GetMapping("/{id}")
	public Report get(@PathVariable String id) {
		return this.store.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					new ReportNotFoundException(id).getMessage()));
	}

	/**
	 * The body of a report update.
	 *
	 * @param title the title
	 * @param rows the lines of the report's body
	 */
	public record ReportData(@Nullable String title, @Nullable List<String> rows) {
	}

}
