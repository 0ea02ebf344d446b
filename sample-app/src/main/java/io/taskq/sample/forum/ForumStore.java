package io.taskq.sample.forum;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.taskq.sample.SampleProperties;

/**
 * The forum's data in Redis, shared by all instances: which thread a post belongs to, the users of each thread,
 * and the notifications each user received.
 * <p>
 * Keys: {@code <prefix>forum:post:<postId>:thread} (string), {@code <prefix>forum:thread:<threadId>:users}
 * (set of user ids), {@code <prefix>forum:user:<userId>:notifications} (set).
 */
@Component
public class ForumStore {

	private final StringRedisTemplate redis;

	private final String prefix;

	public ForumStore(StringRedisTemplate redis, SampleProperties properties) {
		this.redis = redis;
		this.prefix = properties.getRedisPrefix() + "forum:";
	}

	/**
	 * Add a post to a thread, unless the post exists already.
	 * @param postId the post
	 * @param threadId the thread
	 * @return whether the post was added
	 */
	public boolean addPost(long postId, String threadId) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(postKey(postId), threadId));
	}

	/**
	 * Add users to a thread.
	 * @param threadId the thread
	 * @param userIds the users
	 */
	public void addUsers(String threadId, long... userIds) {
		this.redis.opsForSet()
			.add(usersKey(threadId), Arrays.stream(userIds).mapToObj(Long::toString).toArray(String[]::new));
	}

	/**
	 * The thread of a post.
	 * @param postId the post
	 * @return the thread id, or {@code null} if there is no such post
	 */
	public @Nullable String threadOf(long postId) {
		return this.redis.opsForValue().get(postKey(postId));
	}

	/**
	 * The users of a thread, in ascending order.
	 * @param threadId the thread
	 * @return the user ids
	 */
	public Set<Long> usersOf(String threadId) {
		Set<String> members = this.redis.opsForSet().members(usersKey(threadId));
		Set<Long> users = new TreeSet<>();
		if (members != null) {
			members.forEach((member) -> users.add(Long.parseLong(member)));
		}
		return users;
	}

	/**
	 * Record a notification of a user; recording the same one again changes nothing.
	 * @param userId the user
	 * @param notification what the user was notified of
	 * @return whether the notification is new
	 */
	public boolean recordNotification(long userId, String notification) {
		Long added = this.redis.opsForSet().add(notificationsKey(userId), notification);
		return added != null && added > 0;
	}

	/**
	 * The notifications of a user, in order.
	 * @param userId the user
	 * @return the notifications
	 */
	public Set<String> notificationsOf(long userId) {
		Set<String> members = this.redis.opsForSet().members(notificationsKey(userId));
		return (members != null) ? new TreeSet<>(members) : new TreeSet<>();
	}

	private String postKey(long postId) {
		return this.prefix + "post:" + postId + ":thread";
	}

	private String usersKey(String threadId) {
		return this.prefix + "thread:" + threadId + ":users";
	}

	private String notificationsKey(long userId) {
		return this.prefix + "user:" + userId + ":notifications";
	}

}
