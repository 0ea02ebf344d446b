package io.taskq.sample.api;

/**
 * A request body that does not have the expected shape; answered with 400 and this message.
 */
public class InvalidRequestException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what is wrong, for the caller
	 */
	public InvalidRequestException(String message) {
		super(message);
	}

}
