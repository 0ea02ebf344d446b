package io.taskq.sample.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.taskq.sample.SampleProperties;

/**
 * The search index of reports in Redis: a sorted set per word ({@code <prefix>search:word:<word>}, report id
 * scored by {@link ReportTerms#scores(Report)}), and per report the set of its indexed words
 * ({@code <prefix>search:words:<id>}) and the revision indexed ({@code <prefix>search:revision:<id>}).
 * <p>
 * A report is indexed by one script, atomic however many instances index at once: it drops the report from the
 * words it no longer has, adds it to its words with their scores, and refreshes the expiry of every key it writes
 * (the search expiry, a day by default). Indexing the same revision again gives the same index; a revision older
 * than the one indexed is ignored, so a slow indexing run never puts back older words.
 */
@Component
public class ReportIndex {

	private static final RedisScript<Long> INDEX = new DefaultRedisScript<>("""
			local indexed = tonumber(redis.call('GET', KEYS[2]) or '0')
			if indexed > tonumber(ARGV[3]) then
				return 0
			end
			local scores = {}
			for i = 5, #ARGV, 2 do
				scores[ARGV[i]] = ARGV[i + 1]
			end
			for _, word in ipairs(redis.call('SMEMBERS', KEYS[1])) do
				if scores[word] == nil then
					redis.call('ZREM', ARGV[1] .. word, ARGV[2])
				end
			end
			redis.call('DEL', KEYS[1])
			for word, score in pairs(scores) do
				redis.call('ZADD', ARGV[1] .. word, score, ARGV[2])
				redis.call('PEXPIRE', ARGV[1] .. word, ARGV[4])
				redis.call('SADD', KEYS[1], word)
			end
			redis.call('PEXPIRE', KEYS[1], ARGV[4])
			redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
			return 1
			""", Long.class);

	private static final Comparator<Match> BEST_FIRST = Comparator.comparingLong(Match::score)
		.reversed()
		.thenComparing(Match::id);

	private final StringRedisTemplate redis;

	private final ReportStore store;

	private final String prefix;

	private final Duration expiry;

	public ReportIndex(StringRedisTemplate redis, ReportStore store, SampleProperties properties) {
		this.redis = redis;
		this.store = store;
		this.prefix = properties.getRedisPrefix() + "search:";
		this.expiry = properties.getSearch().getExpiry();
	}

	/**
	 * Index a report's current data.
	 * @param reportId the report
	 * @return what was indexed
	 * @throws ReportNotFoundException if the report does not exist
	 */
	public IndexedReport index(String reportId) {
		Report report = this.store.find(reportId).orElseThrow(() -> new ReportNotFoundException(reportId));
		Map<String, Integer> scores = ReportTerms.scores(report);
		List<String> args = new ArrayList<>(List.of(wordPrefix(), report.id(), Long.toString(report.revision()),
				Long.toString(this.expiry.toMillis())));
		scores.forEach((word, score) -> {
			args.add(word);
			args.add(score.toString());
		});
		Long written = this.redis.execute(INDEX,
				List.of(this.prefix + "words:" + report.id(), this.prefix + "revision:" + report.id()),
				args.toArray());
		return new IndexedReport(report.id(), report.revision(), scores.size(),
				written != null && written == 1);
	}

	/**
	 * Index every report.
	 * @return how many reports were indexed
	 */
	public int reindex() {
		int indexed = 0;
		for (String reportId : this.store.ids()) {
			index(reportId);
			indexed++;
		}
		return indexed;
	}

	/**
	 * Find the reports that contain every word of a query, in the title or a row.
	 * @param query the query
	 * @param limit at most this many hits
	 * @return the hits, best first (highest score, then by id)
	 * @throws IllegalArgumentException if the query has no words
	 */
	public List<SearchHit> search(String query, int limit) {
		Set<String> words = ReportTerms.query(query);
		if (words.isEmpty()) {
			throw new IllegalArgumentException("The query has no words to search for (letters or digits)");
		}
		List<String> keys = words.stream().map((word) -> wordPrefix() + word).toList();
		Set<TypedTuple<String>> found = this.redis.opsForZSet()
			.intersectWithScores(keys.get(0), keys.subList(1, keys.size()));
		if (found == null) {
			return List.of();
		}
		return found.stream()
			.filter((tuple) -> tuple.getValue() != null && tuple.getScore() != null)
			.map((tuple) -> new Match(tuple.getValue(), tuple.getScore().longValue()))
			.sorted(BEST_FIRST)
			.limit(limit)
			.flatMap((match) -> this.store.find(match.id())
				.map((report) -> new SearchHit(match.id(), report.title(), match.score()))
				.stream())
			.toList();
	}

	private String wordPrefix() {
		return this.prefix + "word:";
	}

	/**
	 * The outcome of indexing a report.
	 *
	 * @param reportId the report
	 * @param revision the revision read
	 * @param words how many distinct words it has
	 * @param written whether the index was written; false when a newer revision was indexed already
	 */
	public record IndexedReport(String reportId, long revision, int words, boolean written) {
	}

	/**
	 * A report found by a search.
	 *
	 * @param id the report id
	 * @param title its title
	 * @param score the sum of its scores for the query's words
	 */
	public record SearchHit(String id, String title, long score) {
	}

	private record Match(String id, long score) {
	}

}
