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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.taskq.core.TaskOperations;
import io.taskq.sample.api.InvalidRequestException;

/**
 * Report data: {@code POST /api/reports/{id}} creates or updates a report (a new revision) and sends the
 * {@code reports.index} task that indexes it for search, {@code GET} reads it, and
 * {@code GET /api/reports/search?q=words} finds reports by words. Generate a report's PDF with the
 * {@code reports.generate_pdf} task.
 */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

	private final ReportStore store;

	private final ReportIndex index;

	private final TaskOperations tasks;

	public ReportController(ReportStore store, ReportIndex index, TaskOperations tasks) {
		this.store = store;
		this.index = index;
		this.tasks = tasks;
	}

	/**
	 * Create or update a report.
	 * @param id the report id
	 * @param data the report's title and rows
	 * @return the id, the new revision and the id of the task that indexes it
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
		long revision = this.store.save(id, data.title(), rows);
		return Map.of("id", id, "revision", revision, "indexTask", this.tasks.send("reports.index", id).id());
	}

	/**
	 * Find the reports whose title or rows contain every word of a query (case-insensitive).
	 * @param q the query
	 * @param limit at most this many reports
	 * @return the reports found, best first
	 */
	@GetMapping("/search")
	public List<ReportIndex.SearchHit> search(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidRequestException("'limit' must be between 1 and 1000");
		}
		return this.index.search(q, limit);
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
