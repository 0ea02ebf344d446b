package io.taskq.sample.thumbnails;

/**
 * The size of a thumbnail: the image scaled to fit a square of the requested size, keeping its aspect ratio.
 * Images are never enlarged; each side is at least one pixel.
 *
 * @param width the thumbnail's width
 * @param height the thumbnail's height
 */
public record ThumbnailSize(int width, int height) {

	/**
	 * The size of the thumbnail of an image.
	 * @param width the image's width
	 * @param height the image's height
	 * @param maxSize the largest dimension of the thumbnail
	 * @return the thumbnail size
	 */
	public static ThumbnailSize fit(int width, int height, int maxSize) {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("Image dimensions must be positive, were " + width + "x" + height);
		}
		if (maxSize <= 0) {
			throw new IllegalArgumentException("Thumbnail size must be positive, was " + maxSize);
		}
		double scale = Math.min(1.0, (double) maxSize / Math.max(width, height));
		return new ThumbnailSize(Math.max(1, (int) Math.round(width * scale)),
				Math.max(1, (int) Math.round(height * scale)));
	}

}
