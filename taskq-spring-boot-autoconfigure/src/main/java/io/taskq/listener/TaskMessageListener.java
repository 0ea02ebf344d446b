package io.taskq.listener;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import com.rabbitmq.client.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.dao.DataAccessException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import io.taskq.core.TaskObserver;
import io.taskq.core.TaskObserver.Outcome;
import io.taskq.core.TaskTemplate;
import io.taskq.deadletter.DeadLetter;
import io.taskq.deadletter.RedisDeadLetterStore;
import io.taskq.protocol.InvalidTaskMessageException;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.CeleryError;
import io.taskq.ratelimit.RateLimit;
import io.taskq.ratelimit.RedisRateLimiter;
import io.taskq.result.ResultStore;
import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.revoke.RevocationStore;
import io.taskq.revoke.RunningTasks;
import io.taskq.revoke.TaskTerminatedException;
import io.taskq.schedule.RedisTaskSchedule;

/**
 * Runs task messages: decodes them, finds the handler, runs it, stores the outcome, and only then lets the
 * container acknowledge the message (late acknowledgement: a worker that dies mid-task leaves the message to
 * another worker).
 * <p>
 * A message that cannot run (not a valid task message, an unknown task name, arguments that do not fit) is
 * bad input: it is moved to the dead-letter queue with the reason, a FAILURE is stored if its task id is
 * known, one log line says what was wrong, and the worker goes on. A handler that throws is a task failure:
 * FAILURE is stored with the exception and its stack trace, and the message is acknowledged; so is a handler's
 * {@link Error} ({@code AssertionError}, {@code StackOverflowError}, {@code NoClassDefFoundError}, an
 * {@code OutOfMemoryError} of its own making), except one that says the JVM itself is broken
 * ({@code InternalError}, {@code UnknownError}). Nothing a message does escapes this listener as an
 * {@code Error}: Spring AMQP would abort the consumer and stop the container, or exit the JVM.
 * <p>
 * A message redelivered (the broker's {@code redelivered} flag, or a long task's lease copy published again)
 * more than {@code maxRedeliveries} times without any delivery reaching an outcome is a poison message: it
 * killed or wedged the workers that took it. It is dead-lettered with reason {@code poison} and FAILURE
 * ({@code WorkerLostError}) is stored, instead of taking down the fleet one worker at a time.
 */
public class TaskMessageListener implements ChannelAwareMessageListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(TaskMessageListener.class);

	/**
	 * Marks a copy of an exclusive task put back on the schedule because the same task was running elsewhere.
	 */
	static final String RUNNING_COPY_HEADER = "x-taskq-running-copy";

	private static final long PID = ManagementFactory.getRuntimeMXBean().getPid();

	private final Function<String, @Nullable Handler> handlers;

	private final TaskMessageCodec codec;

	private final ResultStore resultStore;

	private final DeadLetterPublisher deadLetterPublisher;

	private final TaskWorkerSettings settings;

	private final TaskObserver observer;

	private final RedisTaskSchedule schedule;

	private final @Nullable RedisDeadLetterStore deadLetterStore;

	private final TaskRunner runner;

	private final RevocationStore revocations;

	private final RunningTasks runningTasks;

	private final RedisRateLimiter rateLimiter;

	private final ExclusiveLocks exclusiveLocks;

	private final RedeliveryCounter redeliveries;

	/**
	 * Create a listener.
	 * @param handlers finds the handler of a task name, or {@code null} for an unknown name
	 * @param codec decodes task messages
	 * @param resultStore stores outcomes
	 * @param deadLetterPublisher takes messages that cannot run
	 * @param settings how tasks are run and stored
	 * @param observer told about every task run and every message dead-lettered
	 * @param schedule takes messages that arrive before their ETA or over their task's rate limit, and retries
	 * @param deadLetterStore keeps tasks that failed for good, or {@code null} not to keep them
	 * @param revocations tells revoked tasks, which do not run
	 * @param runningTasks registers running tasks, so that a revoke can terminate them
	 * @param rateLimiter enforces rate limits across all workers
	 * @param exclusiveLocks keeps runs of exclusive tasks apart
	 * @param redeliveries counts deliveries of redelivered messages, to find poison messages
	 */
	public TaskMessageListener(Function<String, @Nullable Handler> handlers, TaskMessageCodec codec,
			ResultStore resultStore, DeadLetterPublisher deadLetterPublisher, TaskWorkerSettings settings,
			TaskObserver observer, RedisTaskSchedule schedule, @Nullable RedisDeadLetterStore deadLetterStore,
			RevocationStore revocations, RunningTasks runningTasks, RedisRateLimiter rateLimiter,
			ExclusiveLocks exclusiveLocks, RedeliveryCounter redeliveries) {
		this.handlers = handlers;
		this.codec = codec;
		this.resultStore = resultStore;
		this.deadLetterPublisher = deadLetterPublisher;
		this.settings = settings;
		this.observer = observer;
		this.schedule = schedule;
		this.deadLetterStore = deadLetterStore;
		this.runner = new TaskRunner(schedule, settings.leaseAfter(), settings.lease());
		this.revocations = revocations;
		this.runningTasks = runningTasks;
		this.rateLimiter = rateLimiter;
		this.exclusiveLocks = exclusiveLocks;
		this.redeliveries = redeliveries;
	}

	@Override
	public void onMessage(Message amqpMessage, Channel channel) {
		Acknowledgement acknowledgement = new Acknowledgement(channel,
				amqpMessage.getMessageProperties().getDeliveryTag());
		try {
			process(amqpMessage, acknowledgement);
		}
		catch (RuntimeException ex) {
			acknowledgement.requeue();
			throw ex;
		}
		catch (Error error) {
			acknowledgement.requeue();
			// Thrown on, an Error would abort this consumer and stop its container (or, with Spring AMQP's
			// default handler, exit the JVM); the message goes back to the queue, where the redelivery count
			// stops it if it keeps doing this.
			throw new IllegalStateException("Could not process message " + describe(amqpMessage) + " from queue '"
					+ amqpMessage.getMessageProperties().getConsumerQueue() + "': " + error
					+ "; it goes back to the queue", error);
		}
		acknowledgement.ack();
	}

	@Override
	public void close() {
		this.runner.close();
	}

	private void process(Message amqpMessage, Acknowledgement acknowledgement) {
		String queue = amqpMessage.getMessageProperties().getConsumerQueue();
		String redeliveredId = isRedelivery(amqpMessage) ? headerText(amqpMessage, "id") : null;
		if (redeliveredId != null && this.settings.maxRedeliveries() >= 0) {
			long deliveries = whileRedisIsDown("count the redeliveries of task", redeliveredId,
					() -> this.redeliveries.increment(redeliveredId));
			if (deliveries > this.settings.maxRedeliveries()) {
				PoisonMessageException poison = new PoisonMessageException(describe(amqpMessage), deliveries);
				reject(amqpMessage, queue, "poison", poison, redeliveredId, headerText(amqpMessage, "task"),
						TaskErrors.of(poison));
				clearRedeliveries(redeliveredId);
				return;
			}
			processMessage(amqpMessage, queue, acknowledgement);
			// An outcome was reached: the message is no longer a suspect.
			clearRedeliveries(redeliveredId);
			return;
		}
		processMessage(amqpMessage, queue, acknowledgement);
	}

	/**
	 * Whether a delivery may have been taken before, by a worker that then died or stopped without settling it:
	 * the broker's {@code redelivered} flag, or the lease copy of a long task published again.
	 */
	private static boolean isRedelivery(Message amqpMessage) {
		return Boolean.TRUE.equals(amqpMessage.getMessageProperties().isRedelivered())
				|| amqpMessage.getMessageProperties().getHeaders().containsKey(TaskRunner.LEASE_COPY_HEADER);
	}

	private void clearRedeliveries(String taskId) {
		try {
			this.redeliveries.clear(taskId);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not clear the redelivery count of task " + taskId + " (it expires on its own): "
					+ ex.getMessage());
		}
	}

	private void processMessage(Message amqpMessage, @Nullable String queue, Acknowledgement acknowledgement) {
		TaskMessage message;
		try {
			message = this.codec.decode(amqpMessage, this.settings.maxMessageSize());
		}
		catch (InvalidTaskMessageException ex) {
			reject(amqpMessage, queue, ex.getReason(), ex, ex.getTaskId(), ex.getTaskName(), null);
			return;
		}
		Handler handler = this.handlers.apply(message.task());
		if (handler == null) {
			NotRegisteredException notRegistered = new NotRegisteredException(message.task());
			reject(amqpMessage, queue, "not-registered", notRegistered, message.id(), message.task(),
					TaskErrors.notRegistered(message.task()));
			return;
		}
		if (this.revocations.isRevoked(message.id())) {
			logger.info("Task " + message + " is revoked; not running it (REVOKED)");
			revoke(message, queue, "revoked");
			return;
		}
		Instant now = Instant.now();
		if (message.expires() != null && message.expires().isBefore(now)) {
			logger.info("Task " + message + " expired at " + message.expires() + "; not running it (REVOKED)");
			revoke(message, queue, "expired");
			return;
		}
		if (message.eta() != null && message.eta().isAfter(now) && queue != null) {
			// Not held in memory until due (Celery's way, which hoards prefetch and heap): scheduled in Redis.
			whileRedisIsDown("schedule task", message, () -> this.schedule.schedule(queue, amqpMessage,
					message.eta(), message.id()));
			return;
		}
		ExclusiveLocks.Lease lease;
		try {
			lease = whileRedisIsDown("take the exclusive lease of task", message,
					() -> this.exclusiveLocks.acquire(handler, message));
		}
		catch (TaskArgumentException ex) {
			reject(amqpMessage, queue, "invalid-arguments", ex, message.id(), message.task(), TaskErrors.of(ex));
			return;
		}
		if (!lease.isHeld()) {
			conflict(handler, message, amqpMessage, queue, lease);
			return;
		}
		CompletionStage<Void> abandoned = null;
		try {
			if (amqpMessage.getMessageProperties().getHeaders().containsKey(RUNNING_COPY_HEADER)
					&& finishedElsewhere(message)) {
				return;
			}
			// After the exclusive lease: a run that cannot start now takes no rate-limit slot.
			if (deferredByRateLimit(handler.endpoint().rateLimit(), message, amqpMessage, queue)) {
				return;
			}
			abandoned = run(handler, message, amqpMessage, queue, acknowledgement);
		}
		finally {
			if (abandoned != null) {
				// Abandoned at its hard time limit, the handler may still be running: the key stays held (and
				// renewed) until its thread really ends.
				abandoned.whenComplete((ended, failure) -> lease.release());
			}
			else {
				lease.release();
			}
		}
	}

	/**
	 * Another run holds the exclusive key: SKIP stores REVOKED with {@code TaskRevokedError('skipped: ...')} (so a
	 * caller, Java or Python, learns the task did not run); RETRY puts the message back on the schedule, due after
	 * the conflict retry delay, with its retries unchanged.
	 */
	private void conflict(Handler handler, TaskMessage message, Message amqpMessage, @Nullable String queue,
			ExclusiveLocks.Lease lease) {
		ExclusivePolicy policy = handler.endpoint().exclusive();
		RateLimit rateLimit = handler.endpoint().rateLimit();
		if (rateLimit != null) {
			// A slot reserved for this message when it last came back is given back: the limit counts runs
			// that start.
			whileRedisIsDown("give back the rate-limit slot of task", message, () -> {
				this.rateLimiter.release(message.task(), message.id());
				return message;
			});
		}
		if (lease.isHeldBySameTask() && queue != null) {
			// A second copy of this very task (the broker delivered it again, or a long task's lease copy fell
			// due) while it runs elsewhere: neither SKIP (that would mark a running task REVOKED) nor run it. The
			// copy waits on the schedule; it is dropped once the run elsewhere has stored its outcome, and runs if
			// that run's worker died (its lease expires).
			logger.info("Task " + message + " is already running elsewhere (exclusive key '" + lease.value()
					+ "'); this copy checks again in " + policy.retryDelay().toMillis() + " ms");
			amqpMessage.getMessageProperties().getHeaders().put(RUNNING_COPY_HEADER, true);
			whileRedisIsDown("schedule task", message, () -> this.schedule.schedule(queue, amqpMessage,
					Instant.now().plus(policy.retryDelay()), message.id()));
			return;
		}
		if (policy.onConflict() == OnConflict.RETRY && queue != null) {
			logger.debug("Task " + message + " waits " + policy.retryDelay().toMillis() + " ms for exclusive key '"
					+ lease.value() + "'");
			whileRedisIsDown("schedule task", message, () -> this.schedule.schedule(queue, amqpMessage,
					Instant.now().plus(policy.retryDelay()), message.id()));
			return;
		}
		logger.info("Task " + message + " skipped: exclusive key '" + lease.value() + "' is held by another run");
		if (handler.endpoint().storeResult() && !Boolean.TRUE.equals(message.ignoreResult())) {
			store(result(message, queue, TaskState.REVOKED, TaskErrors.of("TaskRevokedError", "celery.exceptions",
					"skipped: exclusive key '" + lease.value() + "' is held by another run"), null,
					JsonNodeFactory.instance.arrayNode(), true));
		}
	}

	/**
	 * A copy of a task that was running elsewhere, now holding the exclusive lease: if the other run stored its
	 * outcome, this copy is dropped rather than run twice.
	 */
	private boolean finishedElsewhere(TaskMessage message) {
		TaskResult stored = whileRedisIsDown("read the state of task", message,
				() -> this.resultStore.get(message.id()));
		if (stored == null || !stored.isReady()) {
			return false;
		}
		logger.info("Task " + message + " finished elsewhere (" + stored.state() + "); dropping this copy");
		return true;
	}

	/**
	 * A task over its rate limit is not held (no worker thread, no prefetch slot): the unchanged message waits
	 * in the Redis schedule until the slot the limiter reserved for it, and is acknowledged.
	 */
	private boolean deferredByRateLimit(@Nullable RateLimit rateLimit, TaskMessage message, Message amqpMessage,
			@Nullable String queue) {
		if (rateLimit == null || queue == null) {
			return false;
		}
		Duration wait = whileRedisIsDown("check the rate limit of task", message,
				() -> this.rateLimiter.acquire(message.task(), rateLimit, message.id()));
		if (wait.isZero()) {
			return false;
		}
		whileRedisIsDown("schedule task", message,
				() -> this.schedule.schedule(queue, amqpMessage, Instant.now().plus(wait), message.id()));
		return true;
	}

	/**
	 * A revoked task, one received after its {@code expires} time, or one terminated while running: as in
	 * Celery, REVOKED is stored with {@code TaskRevokedError(reason)} and no children ({@code []}, as Celery's
	 * worker writes it) and the message is acknowledged.
	 */
	private void revoke(TaskMessage message, @Nullable String queue, String reason) {
		store(result(message, queue, TaskState.REVOKED, RevocationStore.error(reason), null,
				JsonNodeFactory.instance.arrayNode(), true));
	}

	/**
	 * Run a task and store its outcome.
	 * @return when the task was abandoned at its hard time limit, the end of the thread that still runs its
	 * handler; otherwise {@code null}
	 */
	private @Nullable CompletionStage<Void> run(Handler handler, TaskMessage message, Message amqpMessage,
			@Nullable String queue, Acknowledgement acknowledgement) {
		TaskEndpoint endpoint = handler.endpoint();
		TaskContext context = new TaskContext(message.id(), message.task(), message.retries(), message.rootId(),
				message.parentId(), message.group(), queue, amqpMessage.getMessageProperties().getHeaders());
		boolean storeResult = endpoint.storeResult() && !Boolean.TRUE.equals(message.ignoreResult());
		if (!endpoint.acksLate()) {
			// Early acknowledgement, chosen by the task: at-most-once, a worker dying now loses it.
			acknowledgement.ack();
		}
		if (storeResult && this.settings.trackStarted()) {
			ObjectNode started = JsonNodeFactory.instance.objectNode();
			started.put("pid", PID);
			started.put("hostname", this.settings.nodeName());
			store(result(message, queue, TaskState.STARTED, started, null, null, false), resultExpires(endpoint));
		}
		TimeLimits limits = endpoint.timeLimits().withMessageLimits(message.hardTimeLimit(), message.softTimeLimit());
		try (TaskRunner.DeliveryLease lease = (queue != null)
				? this.runner.watch(queue, amqpMessage, message, acknowledgement) : null) {
			CompletionStage<Void> abandoned = runAndStore(handler, message, amqpMessage, queue, context, storeResult,
					limits);
			if (lease != null) {
				lease.settle();
			}
			return abandoned;
		}
	}

	/**
	 * Run the handler and store its outcome; returns normally only once the outcome is stored (or the message
	 * rejected), so that a leased delivery keeps its Redis copy on every other exit.
	 */
	private @Nullable CompletionStage<Void> runAndStore(Handler handler, TaskMessage message, Message amqpMessage,
			@Nullable String queue, TaskContext context, boolean storeResult, TimeLimits limits) {
		TaskEndpoint endpoint = handler.endpoint();
		JsonNode returned;
		this.observer.taskStarted(message.task(), queueWait(message));
		long start = System.nanoTime();
		try {
			returned = this.runner.run(() -> this.runningTasks.run(message.id(),
					() -> handler.invoker().invoke(message, context)), context, limits);
		}
		catch (TaskTerminatedException ex) {
			finished(message, Outcome.REVOKED, start);
			logger.info("Task " + message + " was terminated by a revoke (REVOKED)");
			revoke(message, queue, "terminated");
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			finished(message, Outcome.FAILURE, start);
			throw new IllegalStateException("Worker stopped while task " + message + " ran; it goes back to the queue",
					ex);
		}
		catch (TaskArgumentException ex) {
			finished(message, Outcome.REJECTED, start);
			reject(amqpMessage, queue, "invalid-arguments", ex, message.id(), message.task(), TaskErrors.of(ex));
			return null;
		}
		catch (Throwable ex) {
			finished(message, Outcome.FAILURE, start);
			if (ex instanceof VirtualMachineError && !(ex instanceof OutOfMemoryError)
					&& !(ex instanceof StackOverflowError)) {
				// The JVM itself is broken (InternalError, UnknownError): not the task's failure.
				throw (Error) ex;
			}
			failed(endpoint, message, amqpMessage, queue, context, storeResult, ex);
			return (ex instanceof TimeLimitExceededException timeLimit) ? timeLimit.abandonedThreadEnd() : null;
		}
		finished(message, Outcome.SUCCESS, start);
		if (storeResult) {
			store(result(message, queue, TaskState.SUCCESS, returned, null, children(context), true),
					resultExpires(endpoint));
		}
		return null;
	}

	private void finished(TaskMessage message, Outcome outcome, long startNanos) {
		this.observer.taskFinished(message.task(), outcome, Duration.ofNanos(System.nanoTime() - startNanos));
	}

	/**
	 * A handler threw: retry the task if it asked to or its policy retries on the exception and retries are
	 * left (a new message with {@code retries} raised, due after the countdown, and RETRY stored); otherwise
	 * store FAILURE and keep the message in the dead-letter store.
	 */
	private void failed(TaskEndpoint endpoint, TaskMessage message, Message amqpMessage, @Nullable String queue,
			TaskContext context, boolean storeResult, Throwable ex) {
		RetryPolicy policy = endpoint.retryPolicy();
		Duration requested = (ex instanceof TaskRetryException retry) ? retry.getCountdown() : null;
		Throwable cause = (ex instanceof TaskRetryException retry && retry.getCause() != null) ? retry.getCause() : ex;
		boolean wantsRetry = ex instanceof TaskRetryException || policy.retriesOn(ex);
		if (wantsRetry && message.retries() < policy.maxRetries() && queue != null) {
			Duration countdown = (requested != null) ? requested
					: policy.countdown(message.retries(), ThreadLocalRandom.current());
			Instant eta = Instant.now().plus(countdown);
			TaskMessage retry = message.toBuilder()
				.retries(message.retries() + 1)
				.eta(eta)
				.parentId(message.id())
				.header(TaskTemplate.SENT_AT_HEADER, eta.toEpochMilli())
				.build();
			Message retryMessage = this.codec.encode(retry);
			whileRedisIsDown("schedule the retry of task", message,
					() -> this.schedule.schedule(queue, retryMessage, eta, message.id()));
			logger.info("Task " + message + " retry " + (message.retries() + 1) + "/" + policy.maxRetries() + " in "
					+ countdown.toMillis() + " ms: " + cause);
			if (storeResult) {
				store(result(message, queue, TaskState.RETRY, (cause instanceof TaskRetryException) ? null
						: TaskErrors.of(cause), TaskErrors.traceback(cause), children(context), false),
						resultExpires(endpoint));
			}
			return;
		}
		Throwable failure = (ex instanceof TaskRetryException && ex.getCause() == null)
				? new MaxRetriesExceededException(message, policy) : cause;
		logger.error("Task " + message + " failed" + (wantsRetry ? " after " + message.retries() + " retries" : "")
				+ ": " + failure.getClass().getName() + ": " + failure.getMessage(), failure);
		if (storeResult) {
			store(result(message, queue, TaskState.FAILURE, TaskErrors.of(failure), TaskErrors.traceback(failure),
					children(context), true), resultExpires(endpoint));
		}
		if (this.deadLetterStore != null && queue != null) {
			DeadLetter deadLetter = new DeadLetter(message.id(), message.task(), queue, message.retries(),
					failure.getClass().getName(), failure.getMessage(), TaskErrors.traceback(failure), Instant.now());
			whileRedisIsDown("keep the dead letter of task", message, () -> {
				this.deadLetterStore.add(deadLetter, amqpMessage);
				return deadLetter;
			});
		}
	}

	private Duration resultExpires(TaskEndpoint endpoint) {
		return (endpoint.resultExpires() != null) ? endpoint.resultExpires() : this.settings.resultExpires();
	}

	private static @Nullable Duration queueWait(TaskMessage message) {
		Object sentAt = message.extraHeaders().get(TaskTemplate.SENT_AT_HEADER);
		return (sentAt instanceof Number millis)
				? Duration.ofMillis(System.currentTimeMillis() - millis.longValue()) : null;
	}

	private void reject(Message amqpMessage, @Nullable String queue, String reason, Exception error,
			@Nullable String taskId, @Nullable String taskName, @Nullable ObjectNode storedError) {
		String task = (taskName != null) ? taskName + "[" + ((taskId != null) ? taskId : "?") + "]" : "(unknown task)";
		this.observer.messageDeadLettered(reason, taskName);
		logger.error("Rejected message from queue '" + queue + "' " + task + " to dead-letter queue '"
				+ this.deadLetterPublisher.getQueue() + "': " + reason + ": " + error.getMessage());
		if (taskId != null) {
			ObjectNode exception = (storedError != null) ? storedError : TaskErrors.of(error);
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			store(new TaskResult(taskId, TaskState.FAILURE, exception, TaskErrors.traceback(error),
					JsonNodeFactory.instance.arrayNode(), now, null, null, null));
		}
		try {
			this.deadLetterPublisher.publish(amqpMessage, reason, error, queue, taskId);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not dead-letter message " + task + "; it stays queued", ex);
		}
	}

	private TaskResult result(TaskMessage message, @Nullable String queue, TaskState state,
			@Nullable JsonNode value, @Nullable String traceback, @Nullable ArrayNode children, boolean done) {
		TaskResult.Extended extended = this.settings.extendedResults()
				? new TaskResult.Extended(message.task(), message.args(), message.kwargs(), this.settings.nodeName(),
						message.retries(), queue)
				: null;
		return new TaskResult(message.id(), state, value, traceback, children,
				done ? OffsetDateTime.now(ZoneOffset.UTC) : null, message.group(), message.parentId(), extended);
	}

	private static ArrayNode children(TaskContext context) {
		ArrayNode children = JsonNodeFactory.instance.arrayNode();
		List<String> ids = context.getChildren();
		for (String id : ids) {
			ArrayNode tuple = children.addArray();
			tuple.addArray().add(id).addNull();
			tuple.addNull();
		}
		return children;
	}

	/**
	 * Store a state, waiting out a result store outage: the message is acknowledged only once its outcome is
	 * stored.
	 */
	private void store(TaskResult result) {
		store(result, this.settings.resultExpires());
	}

	private void store(TaskResult result, Duration expires) {
		retrying("store the outcome of task", result.taskId(), RuntimeException.class, () -> {
			this.resultStore.store(result, expires);
			return result;
		});
	}

	/**
	 * Run a step that needs Redis (the schedule, a rate limit, an exclusive lease, the dead-letter store),
	 * waiting out a Redis outage as {@link #store} does: the message is neither run nor requeued in a loop while
	 * Redis is down.
	 */
	private <T> T whileRedisIsDown(String action, Object subject, Supplier<T> step) {
		return retrying(action, subject, DataAccessException.class, step);
	}

	/**
	 * Retry a step while it fails with the given exception type. Retries back off exponentially (100 ms doubling
	 * to 5 s) so a worker never spins while Redis is down; if the thread is interrupted (the container is
	 * stopping), the message is rejected back to the queue. The action and its subject (a task) name the step in
	 * the log, and are only put together when it fails.
	 */
	private <T> T retrying(String action, Object subject, Class<? extends RuntimeException> transientFailure,
			Supplier<T> step) {
		BackOffExecution backOff = null;
		while (true) {
			try {
				return step.get();
			}
			catch (RuntimeException ex) {
				if (!transientFailure.isInstance(ex)) {
					throw ex;
				}
				if (backOff == null) {
					ExponentialBackOff policy = new ExponentialBackOff(100, 2.0);
					policy.setMaxInterval(Duration.ofSeconds(5).toMillis());
					backOff = policy.start();
				}
				long delay = backOff.nextBackOff();
				logger.warn("Could not " + action + " " + subject + " (" + ex.getMessage() + "); retrying in " + delay
						+ " ms");
				try {
					Thread.sleep(delay);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while trying to " + action + " " + subject
							+ "; the message goes back to the queue", ex);
				}
			}
		}
	}

	private static @Nullable String headerText(Message message, String name) {
		Object value = message.getMessageProperties().getHeaders().get(name);
		return (value != null) ? value.toString() : null;
	}

	/** A message as its headers name it, {@code task[id]}, without decoding it. */
	private static String describe(Message message) {
		String task = headerText(message, "task");
		String id = headerText(message, "id");
		return ((task != null) ? task : "(unknown task)") + "[" + ((id != null) ? id : "?") + "]";
	}

	/**
	 * A task's handler: its endpoint and the invoker that runs it.
	 *
	 * @param endpoint the endpoint
	 * @param invoker the invoker
	 */
	public record Handler(TaskEndpoint endpoint, TaskMethodInvoker invoker) {
	}

	/**
	 * A task asked to retry once more than its policy allows; stored as Celery's
	 * {@code celery.exceptions.MaxRetriesExceededError}, so a Python caller gets that class.
	 */
	static class MaxRetriesExceededException extends RuntimeException implements CeleryError {

		MaxRetriesExceededException(TaskMessage message, RetryPolicy policy) {
			super("Can't retry " + message + ": max retries (" + policy.maxRetries() + ") exceeded");
		}

		@Override
		public String celeryType() {
			return "MaxRetriesExceededError";
		}

	}

	/**
	 * A message redelivered again and again without any delivery reaching an outcome: whatever it does kills or
	 * wedges the workers that take it. Stored as Celery's {@code billiard.exceptions.WorkerLostError}, the error a
	 * Celery worker stores for a task whose worker process died.
	 */
	static class PoisonMessageException extends RuntimeException implements CeleryError {

		PoisonMessageException(String message, long deliveries) {
			super("Task " + message + " was redelivered " + deliveries + " times and no worker finished it (each "
					+ "died or stopped while it ran): a poison message, dead-lettered");
		}

		@Override
		public String celeryType() {
			return "WorkerLostError";
		}

		@Override
		public String celeryModule() {
			return "billiard.exceptions";
		}

	}

	/**
	 * No handler is registered for a task name (Celery's {@code NotRegistered}).
	 */
	static class NotRegisteredException extends RuntimeException {

		NotRegisteredException(String taskName) {
			super("Task '" + taskName + "' is not registered on this worker");
		}

	}

}
