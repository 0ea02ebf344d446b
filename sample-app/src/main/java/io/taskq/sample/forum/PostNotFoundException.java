package io.taskq.sample.forum;

/**
 * A forum post does not exist.
 */
public class PostNotFoundException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param postId the missing post
	 */
	public PostNotFoundException(long postId) {
		super("post " + postId + " does not exist");
	}

}
