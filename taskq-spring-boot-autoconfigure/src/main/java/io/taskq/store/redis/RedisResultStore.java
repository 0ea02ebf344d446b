package io.taskq.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.taskq.result.CeleryResultFormat;
import io.taskq.result.TaskResult;
import io.taskq.store.ResultStore;

/**
 * {@link ResultStore} in Celery's Redis result backend format ({@code celery-protocol.md} §2): one string key
 * {@code celery-task-meta-<id>} per task, written with an expiry and published on the channel of the same
 * name. A stored SUCCESS is never overwritten; the check and the write are one atomic script, which reads the
 * stored status from the start of the document (where Celery and taskq both write it) and decodes the whole
 * JSON only for a document laid out otherwise.
 * <p>
 * Waiting first reads the key: a result already stored (often the case by the time a send's confirm arrives)
 * needs no subscription. Otherwise it subscribes to the task's channel, then reads the key once more (the
 * subscription is confirmed before the read, so no write falls between them), then waits for the notification. A slow re-read guards against
 * notifications lost while the subscription connection was re-established.
 */
public class RedisResultStore implements ResultStore, InitializingBean, DisposableBean {

	/** Celery's prefix of task result keys. */
	public static final String TASK_KEY_PREFIX = "celery-task-meta-";

	private static final Log logger = LogFactory.getLog(RedisResultStore.class);

	private static final Duration RECHECK_INTERVAL = Duration.ofSeconds(2);

	/**
	 * A channel the listener container stays subscribed to: with no channel left, the container closes its
	 * subscription connection, and every wait would open a new one (about 0.6 ms, most of a round trip).
	 */
	private static final ChannelTopic HOLD_CHANNEL = new ChannelTopic("taskq-result-listener");

	private static final RedisScript<Long> STORE_SCRIPT = new DefaultRedisScript<>("""
			local current = redis.call('GET', KEYS[1])
			if current then
			  local status = string.match(current, '^%s*{%s*"status"%s*:%s*"(%u+)"')
			  if status == nil then
			    local ok, decoded = pcall(cjson.decode, current)
			    if ok and type(decoded) == 'table' then
			      status = decoded['status']
			    end
			  end
			  if status == 'SUCCESS' then
			    return 0
			  end
			end
			redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
			redis.call('PUBLISH', KEYS[1], ARGV[1])
			return 1
			""", Long.class);

	private final StringRedisTemplate redisTemplate;

	private final RedisConnectionFactory connectionFactory;

	private static final int MAX_WRITES_IN_FLIGHT = 10_000;

	private final AtomicInteger writesInFlight = new AtomicInteger();

	private final CeleryResultFormat format;

	private final String keyPrefix;

	private final RedisMessageListenerContainer listenerContainer;

	private final Map<String, List<CompletableFuture<TaskResult>>> waiters = new ConcurrentHashMap<>();

	private final MessageListener notificationListener = this::onNotification;

	/**
	 * Create a store.
	 * @param connectionFactory the Redis connection factory
	 * @param format the result document format
	 * @param globalKeyPrefix Celery's {@code global_keyprefix}, or empty for none
	 */
	public RedisResultStore(RedisConnectionFactory connectionFactory, CeleryResultFormat format,
			String globalKeyPrefix) {
		this.redisTemplate = new StringRedisTemplate(connectionFactory);
		this.connectionFactory = connectionFactory;
		// Script calls go through RedisTemplate.execute, which otherwise wraps the connection in a new
		// close-suppressing proxy on every call; no callback here closes the connection.
		this.redisTemplate.setExposeConnection(true);
		this.format = format;
		this.keyPrefix = prefix(globalKeyPrefix) + TASK_KEY_PREFIX;
		this.listenerContainer = new RedisMessageListenerContainer();
		this.listenerContainer.setConnectionFactory(connectionFactory);
		this.listenerContainer.setBeanName("taskqResultListenerContainer");
	}

	private static String prefix(String globalKeyPrefix) {
		if (globalKeyPrefix.isEmpty() || ":_-.".indexOf(globalKeyPrefix.charAt(globalKeyPrefix.length() - 1)) >= 0) {
			return globalKeyPrefix;
		}
		return globalKeyPrefix + "_";
	}

	@Override
	public void afterPropertiesSet() {
		this.listenerContainer.afterPropertiesSet();
		this.listenerContainer.start();
		this.listenerContainer.addMessageListener(this.notificationListener, HOLD_CHANNEL);
	}

	@Override
	public void destroy() throws Exception {
		this.listenerContainer.destroy();
	}

	/**
	 * The Redis key of a task's result.
	 * @param taskId the task id
	 * @return the key
	 */
	public String key(String taskId) {
		return this.keyPrefix + taskId;
	}

	@Override
	public boolean store(TaskResult result, Duration expires) {
		long seconds = Math.max(1, expires.toSeconds());
		Long written = this.redisTemplate.execute(STORE_SCRIPT, List.of(key(result.taskId())),
				this.format.write(result), Long.toString(seconds));
		return written != null && written == 1L;
	}

	/**
	 * Store a state only if the task has none, without waiting for Redis: on Lettuce's shared connection the
	 * command is sent and not awaited, so commands issued later from any thread (such as a {@link #delete})
	 * run after it. Best effort: a failure is logged, not thrown. Without a shared Lettuce connection the write
	 * is synchronous.
	 * @param result the state to store
	 * @param expires how long the stored state is kept
	 */
	@Override
	public void storeIfAbsentWithoutWaiting(TaskResult result, Duration expires) {
		RedisClusterAsyncCommands<byte[], byte[]> async = sharedAsyncCommands();
		if (async == null) {
			storeIfAbsent(result, expires);
			return;
		}
		if (this.writesInFlight.get() >= MAX_WRITES_IN_FLIGHT) {
			// Redis is slow or away, and Lettuce would buffer without bound: best effort means dropping it.
			return;
		}
		this.writesInFlight.incrementAndGet();
		async.set(key(result.taskId()).getBytes(StandardCharsets.UTF_8),
				this.format.write(result).getBytes(StandardCharsets.UTF_8),
				SetArgs.Builder.nx().ex(Math.max(1, expires.toSeconds())))
			.whenComplete((reply, ex) -> {
				this.writesInFlight.decrementAndGet();
				if (ex != null) {
					logger.debug("Could not store " + result.state() + " of task " + result.taskId() + ": " + ex);
				}
			});
	}

	@Override
	public void deleteWithoutWaiting(String taskId) {
		RedisClusterAsyncCommands<byte[], byte[]> async = sharedAsyncCommands();
		if (async == null) {
			delete(taskId);
			return;
		}
		async.del(key(taskId).getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private @Nullable RedisClusterAsyncCommands<byte[], byte[]> sharedAsyncCommands() {
		if (!(this.connectionFactory instanceof LettuceConnectionFactory lettuce) || !lettuce.getShareNativeConnection()) {
			return null;
		}
		try (RedisConnection connection = lettuce.getConnection()) {
			return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
		}
	}

	@Override
	public boolean storeIfAbsent(TaskResult result, Duration expires) {
		Boolean stored = this.redisTemplate.opsForValue()
			.setIfAbsent(key(result.taskId()), this.format.write(result), Duration.ofSeconds(Math.max(1, expires.toSeconds())));
		return Boolean.TRUE.equals(stored);
	}

	@Override
	public @Nullable TaskResult get(String taskId) {
		String json = this.redisTemplate.opsForValue().get(key(taskId));
		return (json != null) ? this.format.read(taskId, json) : null;
	}

	@Override
	public List<@Nullable TaskResult> getAll(List<String> taskIds) {
		List<String> keys = taskIds.stream().map(this::key).toList();
		List<String> values = this.redisTemplate.opsForValue().multiGet(keys);
		List<@Nullable TaskResult> results = new ArrayList<>(taskIds.size());
		for (int i = 0; i < taskIds.size(); i++) {
			String json = (values != null) ? values.get(i) : null;
			results.add((json != null) ? this.format.read(taskIds.get(i), json) : null);
		}
		return results;
	}

	@Override
	public void delete(String taskId) {
		this.redisTemplate.delete(key(taskId));
	}

	@Override
	public @Nullable TaskResult awaitReady(String taskId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		TaskResult stored = get(taskId);
		if (stored != null && stored.isReady()) {
			return stored;
		}
		CompletableFuture<TaskResult> notified = new CompletableFuture<>();
		subscribe(taskId, notified);
		try {
			TaskResult current = get(taskId);
			while (current == null || !current.isReady()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				try {
					return notified.get(Math.min(remaining, RECHECK_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					current = get(taskId);
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("Waiting for task " + taskId + " failed", ex.getCause());
				}
			}
			return current;
		}
		finally {
			unsubscribe(taskId, notified);
		}
	}

	private void subscribe(String taskId, CompletableFuture<TaskResult> waiter) {
		this.waiters.compute(taskId, (id, list) -> {
			List<CompletableFuture<TaskResult>> waiting = (list != null) ? list : new CopyOnWriteArrayList<>();
			if (waiting.isEmpty()) {
				this.listenerContainer.addMessageListener(this.notificationListener, new ChannelTopic(key(id)));
			}
			waiting.add(waiter);
			return waiting;
		});
	}

	private void unsubscribe(String taskId, CompletableFuture<TaskResult> waiter) {
		this.waiters.computeIfPresent(taskId, (id, waiting) -> {
			waiting.remove(waiter);
			if (!waiting.isEmpty()) {
				return waiting;
			}
			this.listenerContainer.removeMessageListener(this.notificationListener, new ChannelTopic(key(id)));
			return null;
		});
	}

	private void onNotification(Message message, byte @Nullable [] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		if (!channel.startsWith(this.keyPrefix)) {
			return;
		}
		String taskId = channel.substring(this.keyPrefix.length());
		List<CompletableFuture<TaskResult>> waiting = this.waiters.get(taskId);
		if (waiting == null) {
			return;
		}
		try {
			TaskResult result = this.format.read(taskId, new String(message.getBody(), StandardCharsets.UTF_8));
			if (result.isReady()) {
				waiting.forEach((waiter) -> waiter.complete(result));
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignoring unreadable result notification for task " + taskId + ": " + ex.getMessage());
		}
	}

}
