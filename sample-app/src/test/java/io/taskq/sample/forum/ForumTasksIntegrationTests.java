package io.taskq.sample.forum;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.result.TaskResult;
import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code forum.notify_users} fans out one {@code forum.notify_user} per user of the thread, and each records its
 * notification once.
 */
@SampleIntegrationTest
class ForumTasksIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	TaskOperations tasks;

	@Autowired
	ForumStore store;

	@LocalServerPort
	int port;

	@Test
	void notifiesEveryUserOfTheThreadWithOneTaskEach() {
		long[] users = LongStream.rangeClosed(100, 129).toArray();
		this.store.addUsers("big-thread", users);
		this.store.addPost(1000, "big-thread");
		TaskHandle fanOut = this.tasks.send("forum.notify_users", 1000);
		ForumTasks.FanOut result = fanOut.get(TIMEOUT, ForumTasks.FanOut.class);
		assertThat(result.postId()).isEqualTo(1000);
		assertThat(result.enqueued()).isEqualTo(users.length);
		assertThat(result.taskIds()).hasSize(users.length).doesNotHaveDuplicates();
		for (String childId : result.taskIds()) {
			TaskHandle child = this.tasks.handle(childId);
			assertThat(child.get(TIMEOUT, Boolean.class)).isTrue();
			TaskResult stored = child.result();
			assertThat(stored).isNotNull();
			assertThat(stored.parentId()).isEqualTo(fanOut.id());
		}
		for (long user : users) {
			assertThat(this.store.notificationsOf(user)).containsExactly("post:1000");
		}
		assertThat(fanOut.result().children()).hasSize(users.length);
	}

	@Test
	void seededPostNotifiesItsThreadAndTheApiShowsIt() {
		ForumTasks.FanOut result = this.tasks.send("forum.notify_users", 3).get(TIMEOUT, ForumTasks.FanOut.class);
		assertThat(result.enqueued()).isEqualTo(4);
		RestClient client = RestClient.create("http://localhost:" + this.port);
		for (long user : List.of(3L, 6L, 7L, 8L)) {
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(client.get()
					.uri("/api/forum/notifications/{userId}", user)
					.retrieve()
					.body(ForumController.Notifications.class)).isEqualTo(
							new ForumController.Notifications(user, Set.of("post:3"))));
		}
		assertThat(this.store.notificationsOf(1)).doesNotContain("post:3");
	}

	@Test
	void notifyingAUserTwiceRecordsOneNotification() {
		assertThat(this.tasks.send("forum.notify_user", 200, 2).get(TIMEOUT, Boolean.class)).isTrue();
		assertThat(this.tasks.send("forum.notify_user", 200, 2).get(TIMEOUT, Boolean.class)).isFalse();
		assertThat(this.store.notificationsOf(200)).containsExactly("post:2");
	}

	@Test
	void notificationWithoutAPostIsTheTaskItself() {
		TaskHandle handle = this.tasks.send("forum.notify_user", 201);
		assertThat(handle.get(TIMEOUT, Boolean.class)).isTrue();
		assertThat(this.store.notificationsOf(201)).containsExactly("task:" + handle.id());
	}

	@Test
	void unknownPostFailsWithAClearMessage() {
		TaskHandle handle = this.tasks.send("forum.notify_users", 999999);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("PostNotFoundException");
				assertThat(ex.getRemoteMessage()).isEqualTo("post 999999 does not exist");
			});
	}

}
