package io.taskq.it;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * At the end of a test run, deletes the queues and exchanges named by {@link TestQueues} that tests left on the
 * broker (tests delete their queues, but taskq also declares an exchange per queue, as Celery does). Only names
 * this JVM handed out are touched, so runs side by side on one broker do not disturb each other. Registered in
 * {@code META-INF/services}.
 */
public class BrokerCleanup implements LauncherSessionListener {

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		if (TestQueues.handedOut().isEmpty()) {
			return;
		}
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(System.getProperty("spring.rabbitmq.host", "localhost"));
		try (Connection connection = factory.newConnection("taskq-test-cleanup")) {
			for (String name : TestQueues.handedOut()) {
				// A channel per name: deleting something already gone is fine, but an error closes the channel.
				try (Channel channel = connection.createChannel()) {
					channel.queueDelete(name);
					channel.exchangeDelete(name);
				}
				catch (IOException | TimeoutException | RuntimeException ex) {
					// Left for the next run's broker reset; nothing to fail here.
				}
			}
		}
		catch (IOException | TimeoutException ex) {
			System.err.println("Could not clean up test queues and exchanges: " + ex.getMessage());
		}
	}

}
