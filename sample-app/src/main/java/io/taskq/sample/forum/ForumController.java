package io.taskq.sample.forum;

import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read the notifications a user received.
 */
@RestController
@RequestMapping("/api/forum")
public class ForumController {

	private final ForumStore store;

	public ForumController(ForumStore store) {
		this.store = store;
	}

	/**
	 * The notifications of a user.
	 * @param userId the user
	 * @return the user and their notifications ({@code post:<id>} entries), in order
	 */
	@GetMapping("/notifications/{userId}")
	public Notifications notifications(@PathVariable long userId) {
		return new Notifications(userId, this.store.notificationsOf(userId));
	}

	/**
	 * The notifications of a user.
	 *
	 * @param userId the user
	 * @param notifications what the user was notified of
	 */
	public record Notifications(long userId, Set<String> notifications) {
	}

}
