package io.taskq.sample.thumbnails;

import java.nio.file.Path;
import java.util.List;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;
import io.taskq.sample.SampleProperties;

/**
 * The {@code thumbnails.generate} task.
 */
@Component
public class ThumbnailTasks {

	private final Path dataDirectory;

	private final Thumbnailer thumbnailer;

	public ThumbnailTasks(SampleProperties properties) {
		this.dataDirectory = properties.getDataDir();
		this.thumbnailer = new Thumbnailer(properties.getDataDir().resolve("thumbnails"));
	}

	/**
	 * Write one PNG thumbnail of an image per size, under {@code <data-dir>/thumbnails}.
	 * @param imagePath the image; a relative path resolves against the data directory
	 * @param sizes the largest dimension of each thumbnail, in pixels
	 * @return the absolute paths of the thumbnails, in the order of the sizes
	 */
	@TaskHandler("thumbnails.generate")
	public List<String> generate(String imagePath, List<Integer> sizes) {
		Path image = this.dataDirectory.resolve(imagePath);
		return this.thumbnailer.generate(image, sizes).stream().map(Path::toString).toList();
	}

}
