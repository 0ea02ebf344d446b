package io.taskq.sample.reports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.taskq.sample.SampleProperties;

/**
 * Report source data in Redis, one hash per report ({@code <prefix>report:<id>}: {@code title}, {@code rows} as
 * a JSON array, {@code revision}). A save writes the data and increments the revision in one atomic script, so a
 * reader never sees new data with an old revision or the reverse.
 */
@Component
public class ReportStore {

	private static final RedisScript<Long> SAVE = new DefaultRedisScript<>(
			"redis.call('HSET', KEYS[1], 'title', ARGV[1], 'rows', ARGV[2]) "
					+ "return redis.call('HINCRBY', KEYS[1], 'revision', 1)",
			Long.class);

	private static final TypeReference<List<String>> ROWS = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	public ReportStore(StringRedisTemplate redis, SampleProperties properties) {
		this.redis = redis;
		this.json = JsonMapper.builder().build();
		this.prefix = properties.getRedisPrefix() + "report:";
	}

	/**
	 * Create or update a report.
	 * @param reportId the report id
	 * @param title the title
	 * @param rows the rows
	 * @return the report's new revision
	 */
	public long save(String reportId, String title, List<String> rows) {
		Long revision = this.redis.execute(SAVE, List.of(key(reportId)), title, this.json.writeValueAsString(rows));
		if (revision == null) {
			throw new IllegalStateException("Saving report " + reportId + " returned no revision");
		}
		return revision;
	}

	/**
	 * Read a report.
	 * @param reportId the report id
	 * @return the report, or empty if it does not exist
	 */
	public Optional<Report> find(String reportId) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(key(reportId));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Report(reportId, String.valueOf(fields.get("title")),
				this.json.readValue(String.valueOf(fields.get("rows")), ROWS),
				Long.parseLong(String.valueOf(fields.get("revision")))));
	}

	/**
	 * The ids of all reports, found with {@code SCAN} (without blocking Redis; a report saved meanwhile may be
	 * missed).
	 * @return the ids, sorted
	 */
	public SortedSet<String> ids() {
		SortedSet<String> ids = new TreeSet<>();
		ScanOptions options = ScanOptions.scanOptions().match(globEscaped(this.prefix) + "*").count(500).build();
		try (Cursor<String> keys = this.redis.scan(options)) {
			keys.forEachRemaining((key) -> ids.add(key.substring(this.prefix.length())));
		}
		return ids;
	}

	private static String globEscaped(String text) {
		return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

	private String key(String reportId) {
		return this.prefix + ReportIds.check(reportId);
	}

}
