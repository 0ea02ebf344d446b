package io.taskq.sample.thumbnails;

/**
 * The image of a thumbnail task is missing or cannot be read as an image.
 */
public class InvalidImageException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what is wrong with the image
	 */
	public InvalidImageException(String message) {
		super(message);
	}

}
