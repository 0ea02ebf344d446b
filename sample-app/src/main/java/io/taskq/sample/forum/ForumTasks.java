package io.taskq.sample.forum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskOperations;

/**
 * Forum notifications the granular way: {@code forum.notify_users} only fans out, one small
 * {@code forum.notify_user} task per user, so that notifications run in parallel on every worker and a failure
 * affects one user only.
 */
@Component
public class ForumTasks {

	/** Name of the task that notifies one user. */
	public static final String NOTIFY_USER = "forum.notify_user";

	private final ForumStore store;

	private final TaskOperations tasks;

	public ForumTasks(ForumStore store, TaskOperations tasks) {
		this.store = store;
		this.tasks = tasks;
	}

	/**
	 * Send one {@code forum.notify_user} task per user of the post's thread.
	 * @param postId the new post
	 * @return the post and the ids of the tasks sent
	 * @throws PostNotFoundException if there is no such post
	 */
	@TaskHandler("forum.notify_users")
	public FanOut notifyUsers(long postId) {
		String threadId = this.store.threadOf(postId);
		if (threadId == null) {
			throw new PostNotFoundException(postId);
		}
		Set<Long> users = this.store.usersOf(threadId);
		List<String> taskIds = new ArrayList<>(users.size());
		for (long userId : users) {
			taskIds.add(this.tasks.send(NOTIFY_USER, userId, postId).id());
		}
		return new FanOut(postId, taskIds.size(), taskIds);
	}

	/**
	 * Record that a user was notified, once: a redelivered task records nothing new.
	 * @param userId the user
	 * @param postId the post the user is notified of; without it, the notification is this task itself
	 * @param context the running task
	 * @return whether the notification is new
	 */
	@TaskHandler(NOTIFY_USER)
	public boolean notifyUser(long userId, Optional<Long> postId, TaskContext context) {
		String notification = postId.map((id) -> "post:" + id).orElseGet(() -> "task:" + context.getTaskId());
		return this.store.recordNotification(userId, notification);
	}

	/**
	 * What {@code forum.notify_users} did.
	 *
	 * @param postId the post
	 * @param enqueued how many {@code forum.notify_user} tasks were sent
	 * @param taskIds their ids
	 */
	public record FanOut(long postId, int enqueued, List<String> taskIds) {
	}

}
