package io.taskq.it;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.taskq.beat.BeatScheduler;
import io.taskq.core.TaskTemplate;

import static org.awaitility.Awaitility.await;

/**
 * A queue that only the test reads, where schedules send their tasks: it declares the queue (which then goes when
 * the run ends, {@link BrokerCleanup}) and reads what arrives with a plain {@link RabbitTemplate}.
 */
final class TickQueue implements AutoCloseable {

	private final String name;

	private final CachingConnectionFactory connectionFactory = new CachingConnectionFactory("127.0.0.1");

	private final RabbitTemplate rabbit = new RabbitTemplate(this.connectionFactory);

	private final List<Tick> received = new CopyOnWriteArrayList<>();

	TickQueue(String name) {
		this.name = name;
		new RabbitAdmin(this.connectionFactory).declareQueue(new Queue(name, true, false, false));
	}

	String name() {
		return this.name;
	}

	/**
	 * Read every message waiting.
	 * @return every message read so far, in the order they arrived
	 */
	List<Tick> drain() {
		Message message;
		while ((message = this.rabbit.receive(this.name)) != null) {
			Map<String, Object> headers = message.getMessageProperties().getHeaders();
			Object tick = headers.get(BeatScheduler.TICK_HEADER);
			Object eta = headers.get("eta");
			this.received.add(new Tick((String) headers.get(BeatScheduler.SCHEDULE_HEADER),
					(tick != null) ? Instant.parse((String) tick) : null, (String) headers.get("id"),
					Instant.ofEpochMilli(((Number) headers.get(TaskTemplate.SENT_AT_HEADER)).longValue()),
					(eta != null) ? OffsetDateTime.parse((String) eta).toInstant() : null));
		}
		return List.copyOf(this.received);
	}

	/**
	 * Wait until at least so many messages have arrived.
	 * @param count how many
	 * @return every message read so far
	 */
	List<Tick> awaitAtLeast(int count) {
		await(count + " messages on " + this.name).atMost(Duration.ofSeconds(60)).until(() -> drain().size() >= count);
		return drain();
	}

	/**
	 * Check that no message arrives for a while.
	 * @param quiet how long
	 */
	void awaitNoneFor(Duration quiet) {
		int count = drain().size();
		await("no message on " + this.name).during(quiet)
			.atMost(quiet.plusSeconds(10))
			.until(() -> drain().size() == count);
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

	/**
	 * A message a schedule sent.
	 *
	 * @param schedule the schedule header
	 * @param tick the tick header, or {@code null} for a triggered run
	 * @param taskId the task id
	 * @param sentAt when it was sent (taskq's sent-at header)
	 * @param eta its ETA, or {@code null}
	 */
	record Tick(String schedule, @Nullable Instant tick, String taskId, Instant sentAt, @Nullable Instant eta) {

		Duration lateness() {
			return Duration.between(this.tick, this.sentAt);
		}

	}

}
