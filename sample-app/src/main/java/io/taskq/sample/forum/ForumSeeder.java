package io.taskq.sample.forum;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Creates a few threads, posts and users at startup when they are absent, so that {@code forum.notify_users}
 * has something to notify: posts 1 and 2 in thread {@code welcome} (users 1 to 5), post 3 in thread
 * {@code release-notes} (users 3, 6, 7 and 8). Safe to run from several instances at once. Off with
 * {@code sample.forum.seed=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.forum.seed", matchIfMissing = true)
public class ForumSeeder implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(ForumSeeder.class);

	private final ForumStore store;

	public ForumSeeder(ForumStore store) {
		this.store = store;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.store.addUsers("welcome", 1, 2, 3, 4, 5);
		this.store.addUsers("release-notes", 3, 6, 7, 8);
		boolean added = this.store.addPost(1, "welcome");
		added |= this.store.addPost(2, "welcome");
		added |= this.store.addPost(3, "release-notes");
		if (added) {
			logger.info("Seeded forum threads 'welcome' (posts 1, 2) and 'release-notes' (post 3)");
		}
	}

}
