package io.taskq.sample.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Deletes the regular files under some directories that were last modified longer ago than a retention.
 * Directories and symbolic links are left alone. A file or directory that is gone by the time it is looked at or
 * deleted (another instance cleaning up at the same time) is skipped, so runs are idempotent and safe in
 * parallel.
 */
public class FileCleanup {

	private final List<Path> directories;

	private final Duration retention;

	private final Clock clock;

	/**
	 * Create a clean-up.
	 * @param directories the directories to clean; missing ones are skipped
	 * @param retention how long files are kept after they were last modified
	 * @param clock tells the current instant
	 */
	public FileCleanup(List<Path> directories, Duration retention, Clock clock) {
		Assert.isTrue(!retention.isNegative() && !retention.isZero(), "The retention must be positive, was " + retention);
		this.directories = List.copyOf(directories);
		this.retention = retention;
		this.clock = clock;
	}

	/**
	 * Delete the files past the retention.
	 * @return the cut-off instant, and how many files were deleted and kept
	 */
	public CleanupResult run() {
		Instant cutoff = this.clock.instant().minus(this.retention);
		Visitor visitor = new Visitor(cutoff);
		for (Path directory : this.directories) {
			try {
				Files.walkFileTree(directory, visitor);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not clean " + directory, ex);
			}
		}
		return new CleanupResult(cutoff, visitor.deleted, visitor.kept);
	}

	/**
	 * The outcome of a clean-up.
	 *
	 * @param cutoff files last modified before this instant were deleted
	 * @param deleted how many files this run deleted
	 * @param kept how many files were kept
	 */
	public record CleanupResult(Instant cutoff, int deleted, int kept) {
	}

	private static final class Visitor extends SimpleFileVisitor<Path> {

		private final Instant cutoff;

		private int deleted;

		private int kept;

		Visitor(Instant cutoff) {
			this.cutoff = cutoff;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
			if (!attributes.isRegularFile()) {
				return FileVisitResult.CONTINUE;
			}
			if (attributes.lastModifiedTime().toInstant().isBefore(this.cutoff)) {
				if (Files.deleteIfExists(file)) {
					this.deleted++;
				}
			}
			else {
				this.kept++;
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
			if (ex instanceof NoSuchFileException) {
				return FileVisitResult.CONTINUE;
			}
			throw ex;
		}

		@Override
		public FileVisitResult postVisitDirectory(Path directory, IOException ex) throws IOException {
			if (ex != null && !(ex instanceof NoSuchFileException)) {
				throw ex;
			}
			return FileVisitResult.CONTINUE;
		}

	}

}
