package io.taskq.sample.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FileCleanup}, with a fixed clock.
 */
class FileCleanupTests {

	private static final Instant NOW = Instant.parse("2026-05-10T03:15:00Z");

	private static final Duration RETENTION = Duration.ofDays(7);

	@TempDir
	Path data;

	@Test
	void deletesFilesLastModifiedBeforeTheRetentionAndKeepsTheRest() throws IOException {
		Path old = file("thumbnails/old-64.png", NOW.minus(RETENTION).minusSeconds(1));
		Path boundary = file("thumbnails/boundary-64.png", NOW.minus(RETENTION));
		Path recent = file("reports/report-a.pdf", NOW.minus(Duration.ofDays(1)));
		Path oldReport = file("reports/nested/report-b.pdf", NOW.minus(Duration.ofDays(30)));
		Path elsewhere = file("backups/reports-2026-01-01.json", NOW.minus(Duration.ofDays(100)));

		FileCleanup.CleanupResult result = cleanup().run();

		assertThat(result).isEqualTo(new FileCleanup.CleanupResult(NOW.minus(RETENTION), 2, 2));
		assertThat(old).doesNotExist();
		assertThat(oldReport).doesNotExist();
		assertThat(oldReport.getParent()).isDirectory();
		assertThat(boundary).exists();
		assertThat(recent).exists();
		assertThat(elsewhere).exists();
	}

	@Test
	void runningAgainDeletesNothingMore() throws IOException {
		file("thumbnails/old-64.png", NOW.minus(Duration.ofDays(8)));
		file("thumbnails/new-64.png", NOW);
		FileCleanup cleanup = cleanup();
		assertThat(cleanup.run().deleted()).isEqualTo(1);
		assertThat(cleanup.run()).isEqualTo(new FileCleanup.CleanupResult(NOW.minus(RETENTION), 0, 1));
	}

	@Test
	void missingDirectoriesAreSkipped() {
		assertThat(cleanup().run()).isEqualTo(new FileCleanup.CleanupResult(NOW.minus(RETENTION), 0, 0));
	}

	@Test
	void theClockDecidesWhatIsOld() throws IOException {
		Path file = file("thumbnails/a-64.png", NOW);
		FileCleanup later = new FileCleanup(List.of(this.data.resolve("thumbnails")), RETENTION,
				Clock.fixed(NOW.plus(RETENTION).plusMillis(1), ZoneOffset.UTC));
		assertThat(later.run().deleted()).isEqualTo(1);
		assertThat(file).doesNotExist();
	}

	@Test
	void symbolicLinksAreLeftAlone() throws IOException {
		Path target = file("elsewhere/keep.txt", NOW.minus(Duration.ofDays(30)));
		Path link = Files.createSymbolicLink(Files.createDirectories(this.data.resolve("thumbnails")).resolve("link"),
				target);
		assertThat(cleanup().run().deleted()).isZero();
		assertThat(link).exists();
		assertThat(target).exists();
	}

	@Test
	void retentionMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FileCleanup(List.of(this.data), Duration.ZERO, Clock.systemUTC()))
			.withMessage("The retention must be positive, was PT0S");
	}

	private FileCleanup cleanup() {
		return new FileCleanup(List.of(this.data.resolve("thumbnails"), this.data.resolve("reports")), RETENTION,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private Path file(String name, Instant modified) throws IOException {
		Path file = this.data.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, name);
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

}
