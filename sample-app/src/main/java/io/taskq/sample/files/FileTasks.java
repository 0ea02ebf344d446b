package io.taskq.sample.files;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;
import io.taskq.sample.SampleProperties;

/**
 * The {@code files.cleanup} task, scheduled daily in application.yml.
 */
@Component
public class FileTasks {

	private final FileCleanup cleanup;

	public FileTasks(SampleProperties properties) {
		Path data = properties.getDataDir();
		this.cleanup = new FileCleanup(List.of(data.resolve("thumbnails"), data.resolve("reports")),
				properties.getCleanup().getRetention(), Clock.systemUTC());
	}

	/**
	 * Delete thumbnails and report PDFs older than {@code sample.cleanup.retention}; safe to run on several
	 * instances at once.
	 * @return the cut-off instant, and how many files were deleted and kept
	 */
	@TaskHandler("files.cleanup")
	public FileCleanup.CleanupResult cleanup() {
		return this.cleanup.run();
	}

}
