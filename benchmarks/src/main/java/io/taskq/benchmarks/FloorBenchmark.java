package io.taskq.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.benchmarks.CountingResultStore.StoreCounter;

/**
 * The floor: plain Spring AMQP doing the work of a task queue without taskq. Each send publishes a persistent
 * message (the same bytes and headers as a taskq task message) with the mandatory flag and waits for its
 * publisher confirm; each consumer (manual acks, same concurrency and prefetch as the worker) writes one Redis
 * key with an expiry per message and then acknowledges it.
 */
final class FloorBenchmark implements AutoCloseable {

	private static final String KEY_PREFIX = "bench-floor-";

	private final String queue = "bench-floor-" + UUID.randomUUID();

	private final CachingConnectionFactory publisherConnectionFactory;

	private final RabbitTemplate rabbitTemplate;

	private final RabbitAdmin admin;

	private final SimpleMessageListenerContainer container;

	private final StringRedisTemplate redis;

	private final Message sample;

	private final String value;

	private final Duration expiry;

	private final StoreCounter stored = new StoreCounter();

	private final List<String> keys = new ArrayList<>();

	private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	FloorBenchmark(CachingConnectionFactory publisherConnectionFactory, ConnectionFactory consumerConnectionFactory,
			StringRedisTemplate redis, Message sample, String value, BenchmarkOptions options) {
		this.publisherConnectionFactory = publisherConnectionFactory;
		this.rabbitTemplate = new RabbitTemplate(publisherConnectionFactory);
		this.rabbitTemplate.setMandatory(true);
		this.admin = new RabbitAdmin(consumerConnectionFactory);
		this.admin.declareQueue(new Queue(this.queue, true, false, false));
		this.redis = redis;
		this.sample = sample;
		this.value = value;
		this.expiry = Duration.ofSeconds(options.expirySeconds());
		this.container = new SimpleMessageListenerContainer(consumerConnectionFactory);
		this.container.setQueueNames(this.queue);
		this.container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		this.container.setConcurrentConsumers(options.concurrency());
		this.container.setPrefetchCount(options.prefetch());
		this.container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
			this.redis.opsForValue()
				.set(KEY_PREFIX + message.getMessageProperties().getMessageId(), this.value, this.expiry);
			this.stored.increment();
			channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
			CompletableFuture<Void> waiter = this.waiting.remove(message.getMessageProperties().getMessageId());
			if (waiter != null) {
				waiter.complete(null);
			}
		});
		this.container.afterPropertiesSet();
	}

	/**
	 * Publish n messages, each confirmed before its send returns.
	 * @return elapsed nanoseconds
	 */
	long publish(int n, int producers) {
		String run = UUID.randomUUID().toString();
		List<String> ids = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			ids.add(run + "-" + i);
		}
		this.keys.clear();
		ids.forEach((id) -> this.keys.add(KEY_PREFIX + id));
		return Producers.run(n, producers, (i) -> this.rabbitTemplate.invoke((operations) -> {
			operations.send("", this.queue, message(ids.get(i)));
			operations.waitForConfirmsOrDie(10_000);
			return null;
		}));
	}

	private Message message(String id) {
		MessageProperties sampleProperties = this.sample.getMessageProperties();
		MessageProperties properties = new MessageProperties();
		properties.setContentType(sampleProperties.getContentType());
		properties.setContentEncoding(sampleProperties.getContentEncoding());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setPriority(sampleProperties.getPriority());
		properties.getHeaders().putAll(new HashMap<>(sampleProperties.getHeaders()));
		properties.setMessageId(id);
		properties.setCorrelationId(id);
		return new Message(this.sample.getBody(), properties);
	}

	/**
	 * Consume the published messages.
	 * @return elapsed nanoseconds from starting the consumers to the last key written
	 */
	long drain(int n) {
		long target = this.stored.get() + n;
		long start = System.nanoTime();
		this.container.start();
		long end = this.stored.awaitAtLeast(target, Duration.ofMinutes(10));
		this.container.stop();
		return end - start;
	}

	/**
	 * Sequential round trips: publish one message and wait for its confirm, then until the consumer has written
	 * its key and acknowledged it. The wait is an in-memory signal from the consumer, cheaper than anything a
	 * producer in another process could use: the round trip's floor.
	 * @return the nanoseconds of each round trip, and of each send alone
	 */
	long[][] roundTrips(int warmup, int samples) throws Exception {
		this.container.start();
		String run = UUID.randomUUID().toString();
		long[] nanos = new long[samples];
		long[] sends = new long[samples];
		this.keys.clear();
		for (int i = -warmup; i < samples; i++) {
			String id = run + "-rtt-" + i;
			this.keys.add(KEY_PREFIX + id);
			CompletableFuture<Void> done = new CompletableFuture<>();
			this.waiting.put(id, done);
			long start = System.nanoTime();
			this.rabbitTemplate.invoke((operations) -> {
				operations.send("", this.queue, message(id));
				operations.waitForConfirmsOrDie(10_000);
				return null;
			});
			long sent = System.nanoTime();
			done.get(10, TimeUnit.SECONDS);
			long end = System.nanoTime();
			if (i >= 0) {
				nanos[i] = end - start;
				sends[i] = sent - start;
			}
		}
		this.container.stop();
		verifyAndClean();
		return new long[][] { nanos, sends };
	}

	/**
	 * Check that every message wrote its key, then delete the keys.
	 */
	void verifyAndClean() {
		for (int from = 0; from < this.keys.size(); from += 1000) {
			List<String> chunk = this.keys.subList(from, Math.min(this.keys.size(), from + 1000));
			List<String> values = this.redis.opsForValue().multiGet(chunk);
			for (int i = 0; i < chunk.size(); i++) {
				if (values == null || !this.value.equals(values.get(i))) {
					throw new IllegalStateException("Floor key " + chunk.get(i) + " was not written");
				}
			}
			this.redis.delete(chunk);
		}
	}

	@Override
	public void close() {
		this.container.destroy();
		this.admin.deleteQueue(this.queue);
		this.publisherConnectionFactory.destroy();
	}

}
