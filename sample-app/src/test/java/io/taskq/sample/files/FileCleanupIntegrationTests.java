package io.taskq.sample.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.sample.SampleIntegrationTest;
import io.taskq.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code files.cleanup} end to end: old thumbnails and report PDFs go, recent ones and backups stay, and runs at
 * the same time delete each file once between them.
 */
@SampleIntegrationTest
class FileCleanupIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	TaskOperations tasks;

	@Autowired
	SampleProperties properties;

	@Test
	void concurrentRunsDeleteEveryOldFileOnceAndKeepTheRest() throws IOException {
		Instant old = Instant.now().minus(this.properties.getCleanup().getRetention()).minus(Duration.ofHours(1));
		List<Path> oldFiles = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			oldFiles.add(file("thumbnails/old" + i + "-64.png", old));
			oldFiles.add(file("reports/report-old" + i + ".pdf", old));
		}
		Path recentThumbnail = file("thumbnails/recent-64.png", Instant.now());
		Path recentReport = file("reports/report-recent.pdf", Instant.now().minus(Duration.ofDays(1)));
		Path backup = file("backups/reports-2020-01-01.json", old);

		List<TaskHandle> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runs.add(this.tasks.send("files.cleanup"));
		}
		int deleted = 0;
		for (TaskHandle run : runs) {
			FileCleanup.CleanupResult result = run.get(TIMEOUT, FileCleanup.CleanupResult.class);
			deleted += result.deleted();
		}

		assertThat(deleted).isEqualTo(oldFiles.size());
		assertThat(oldFiles).allSatisfy((file) -> assertThat(file).doesNotExist());
		assertThat(recentThumbnail).exists();
		assertThat(recentReport).exists();
		assertThat(backup).exists();
		FileCleanup.CleanupResult again = this.tasks.send("files.cleanup")
			.get(TIMEOUT, FileCleanup.CleanupResult.class);
		assertThat(again.deleted()).isZero();
		assertThat(again.kept()).isEqualTo(2);
	}

	private Path file(String name, Instant modified) throws IOException {
		Path file = this.properties.getDataDir().resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, name);
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

}
