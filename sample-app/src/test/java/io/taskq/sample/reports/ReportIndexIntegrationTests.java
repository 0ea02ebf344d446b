package io.taskq.sample.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code reports.index} and {@code reports.reindex} against the real Redis: what the index holds, that it
 * expires, that indexing is idempotent, and that concurrent runs leave the latest revision indexed.
 */
class ReportIndexIntegrationTests extends AbstractReportIntegrationTests {

	@Autowired
	ReportIndex index;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SampleProperties properties;

	@Test
	void reindexIndexesEveryReportAndEveryKeyExpires() {
		this.store.save("r-north", "North sales", List.of("oslo 10"));
		this.store.save("r-south", "South sales", List.of("rome 20", "north border"));

		Integer indexed = this.tasks.send("reports.reindex").get(TIMEOUT, Integer.class);

		assertThat(indexed).isGreaterThanOrEqualTo(2);
		assertThat(this.index.search("sales", 10)).extracting(ReportIndex.SearchHit::id)
			.containsExactly("r-north", "r-south");
		assertThat(this.index.search("NORTH", 10)).containsExactly(
				new ReportIndex.SearchHit("r-north", "North sales", ReportTerms.TITLE_WEIGHT),
				new ReportIndex.SearchHit("r-south", "South sales", 1));
		Set<String> keys = searchKeys();
		assertThat(keys).contains(wordKey("oslo"), wordKey("rome"), prefix() + "words:r-north",
				prefix() + "revision:r-south");
		long expiry = this.properties.getSearch().getExpiry().toMillis();
		for (String key : keys) {
			assertThat(this.redis.getExpire(key)).as("seconds to live of %s", key)
				.isPositive()
				.isLessThanOrEqualTo(expiry / 1000);
		}
	}

	@Test
	void indexingTwiceGivesTheSameIndex() {
		this.store.save("twice", "Twice indexed", List.of("alpha beta", "beta gamma"));
		assertThat(index("twice").written()).isTrue();
		Map<String, Object> first = snapshot();
		ReportIndex.IndexedReport again = index("twice");
		assertThat(again).isEqualTo(new ReportIndex.IndexedReport("twice", 1, 5, true));
		assertThat(snapshot()).isEqualTo(first);
	}

	@Test
	void aNewRevisionDropsTheWordsTheReportNoLongerHas() {
		this.store.save("stale", "Old title", List.of("kiwi"));
		index("stale");
		this.store.save("stale", "New title", List.of("mango"));
		index("stale");
		assertThat(this.index.search("kiwi", 10)).isEmpty();
		assertThat(this.index.search("old", 10)).isEmpty();
		assertThat(this.index.search("mango new", 10)).extracting(ReportIndex.SearchHit::id).containsExactly("stale");
		assertThat(this.redis.hasKey(wordKey("kiwi"))).isFalse();
		assertThat(this.redis.opsForSet().members(prefix() + "words:stale")).containsExactlyInAnyOrder("new", "title",
				"mango");
	}

	@Test
	void anOlderRevisionNeverReplacesANewerOne() {
		this.store.save("newer", "Newer", List.of("fig"));
		this.redis.opsForValue().set(prefix() + "revision:newer", "7", Duration.ofMinutes(5));
		ReportIndex.IndexedReport result = index("newer");
		assertThat(result.written()).isFalse();
		assertThat(result.revision()).isEqualTo(1);
		assertThat(this.index.search("fig", 10)).isEmpty();
	}

	@Test
	void concurrentIndexingOfChangingDataEndsWithTheLatestRevision() {
		List<TaskHandle> handles = new ArrayList<>();
		for (int revision = 1; revision <= 20; revision++) {
			this.store.save("busy", "Busy", List.of("word" + revision));
			for (int run = 0; run < 3; run++) {
				handles.add(this.tasks.send("reports.index", "busy"));
			}
		}
		for (TaskHandle handle : handles) {
			handle.get(TIMEOUT);
		}
		assertThat(this.redis.opsForSet().members(prefix() + "words:busy")).containsExactlyInAnyOrder("busy",
				"word20");
		assertThat(this.redis.opsForValue().get(prefix() + "revision:busy")).isEqualTo("20");
		for (int revision = 1; revision < 20; revision++) {
			assertThat(this.index.search("word" + revision, 10)).isEmpty();
		}
		assertThat(this.index.search("word20 busy", 10)).extracting(ReportIndex.SearchHit::id).containsExactly("busy");
	}

	@Test
	void indexingAnUnknownReportFails() {
		TaskHandle handle = this.tasks.send("reports.index", "ghost");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).isEqualTo("report ghost does not exist"));
	}

	private ReportIndex.IndexedReport index(String reportId) {
		return this.tasks.send("reports.index", reportId).get(TIMEOUT, ReportIndex.IndexedReport.class);
	}

	private String prefix() {
		return this.properties.getRedisPrefix() + "search:";
	}

	private String wordKey(String word) {
		return prefix() + "word:" + word;
	}

	private Set<String> searchKeys() {
		Set<String> keys = new TreeSet<>();
		try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match(prefix() + "*").build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	private Map<String, Object> snapshot() {
		Map<String, Object> snapshot = new TreeMap<>();
		for (String key : searchKeys()) {
			DataType type = this.redis.type(key);
			Object value = switch (type) {
				case ZSET -> String.valueOf(this.redis.opsForZSet().rangeWithScores(key, 0, -1)
					.stream()
					.map((tuple) -> tuple.getValue() + "=" + tuple.getScore())
					.toList());
				case SET -> new TreeSet<>(this.redis.opsForSet().members(key));
				case STRING -> this.redis.opsForValue().get(key);
				default -> type;
			};
			snapshot.put(key, value);
		}
		return snapshot;
	}

}
