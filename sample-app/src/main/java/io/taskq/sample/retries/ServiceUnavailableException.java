package io.taskq.sample.retries;

/**
 * A service a task calls is down for now; the task retries.
 */
public class ServiceUnavailableException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed
	 */
	public ServiceUnavailableException(String message) {
		super(message);
	}

}
