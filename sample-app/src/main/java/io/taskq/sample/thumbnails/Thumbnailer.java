package io.taskq.sample.thumbnails;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import io.taskq.sample.AtomicFiles;

/**
 * Writes PNG thumbnails of an image with {@code javax.imageio}: one file {@code <name>-<size>.png} per size.
 */
public class Thumbnailer {

	private final Path outputDirectory;

	/**
	 * Create a thumbnailer.
	 * @param outputDirectory where thumbnails are written
	 */
	public Thumbnailer(Path outputDirectory) {
		this.outputDirectory = outputDirectory;
	}

	/**
	 * Write one thumbnail per size.
	 * @param image the image
	 * @param sizes the largest dimension of each thumbnail
	 * @return the thumbnails' paths, in the order of the sizes
	 * @throws InvalidImageException if the image is missing or not an image
	 */
	public List<Path> generate(Path image, List<Integer> sizes) {
		if (sizes.isEmpty()) {
			throw new IllegalArgumentException("At least one thumbnail size is required");
		}
		sizes.forEach((size) -> ThumbnailSize.fit(1, 1, size));
		BufferedImage source = read(image);
		String name = baseName(image);
		List<Path> thumbnails = new ArrayList<>();
		for (int size : sizes) {
			BufferedImage thumbnail = scale(source, ThumbnailSize.fit(source.getWidth(), source.getHeight(), size));
			Path target = this.outputDirectory.resolve(name + "-" + size + ".png").toAbsolutePath();
			AtomicFiles.write(target, (out) -> {
				if (!ImageIO.write(thumbnail, "png", out)) {
					throw new IOException("No PNG writer available");
				}
			});
			thumbnails.add(target);
		}
		return thumbnails;
	}

	private static BufferedImage read(Path image) {
		if (!Files.isRegularFile(image)) {
			throw new InvalidImageException("Image " + image + " does not exist");
		}
		try {
			BufferedImage source = ImageIO.read(image.toFile());
			if (source == null) {
				throw new InvalidImageException("File " + image + " is not an image (no reader for its format)");
			}
			return source;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read image " + image, ex);
		}
	}

	private static BufferedImage scale(BufferedImage source, ThumbnailSize size) {
		int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		BufferedImage thumbnail = new BufferedImage(size.width(), size.height(), type);
		Graphics2D graphics = thumbnail.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, size.width(), size.height(), null);
		}
		finally {
			graphics.dispose();
		}
		return thumbnail;
	}

	private static String baseName(Path image) {
		String fileName = image.getFileName().toString();
		int dot = fileName.lastIndexOf('.');
		return (dot > 0) ? fileName.substring(0, dot) : fileName;
	}

}
