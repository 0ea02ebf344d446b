package io.taskq.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.taskq.beat.MissedTicks;
import io.taskq.beat.Overlap;
import io.taskq.worker.OnConflict;

/**
 * Configuration of taskq. Connections are Spring Boot's own: {@code spring.rabbitmq.*} and
 * {@code spring.data.redis.*}.
 */
@ConfigurationProperties("taskq")
public class TaskqProperties {

	/**
	 * Queue of tasks that have no other route (Celery's task_default_queue).
	 */
	private String defaultQueue = "celery";

	/**
	 * Name of this node, sent as the origin of tasks and stored as the worker of results. Defaults to
	 * "taskq-<pid>@<hostname>".
	 */
	private @Nullable String nodeName;

	/**
	 * Settings per task name; they override @TaskHandler attributes. In YAML, quote names with dots:
	 * taskq.tasks."[thumbnails.generate]".queue.
	 */
	private Map<String, Task> tasks = new LinkedHashMap<>();

	/**
	 * Settings per queue name, applied when taskq declares the queue.
	 */
	private Map<String, Queue> queues = new LinkedHashMap<>();

	/**
	 * Default x-max-priority of every queue taskq declares (Celery's task_queue_max_priority); none by default.
	 */
	private @Nullable Integer queueMaxPriority;

	private final Publisher publisher = new Publisher();

	private final Worker worker = new Worker();

	private final Result result = new Result();

	private final Schedule schedule = new Schedule();

	private final FailedTasks failedTasks = new FailedTasks();

	private final Redis redis = new Redis();

	private final Beat beat = new Beat();

	public String getDefaultQueue() {
		return this.defaultQueue;
	}

	public void setDefaultQueue(String defaultQueue) {
		this.defaultQueue = defaultQueue;
	}

	public @Nullable String getNodeName() {
		return this.nodeName;
	}

	public void setNodeName(@Nullable String nodeName) {
		this.nodeName = nodeName;
	}

	public Map<String, Task> getTasks() {
		return this.tasks;
	}

	public void setTasks(Map<String, Task> tasks) {
		this.tasks = tasks;
	}

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public void setQueues(Map<String, Queue> queues) {
		this.queues = queues;
	}

	public @Nullable Integer getQueueMaxPriority() {
		return this.queueMaxPriority;
	}

	public void setQueueMaxPriority(@Nullable Integer queueMaxPriority) {
		this.queueMaxPriority = queueMaxPriority;
	}

	public Publisher getPublisher() {
		return this.publisher;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Result getResult() {
		return this.result;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public FailedTasks getFailedTasks() {
		return this.failedTasks;
	}

	/**
	 * The failed-task store: tasks that failed for good, kept to be listed and re-driven.
	 */
	public static class FailedTasks {

		/**
		 * Whether tasks that fail for good are kept, with their messages, to be listed and re-driven.
		 */
		private boolean enabled = true;

		/**
		 * How long each failed task is kept after its failure.
		 */
		private Duration retention = Duration.ofDays(7);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	public Redis getRedis() {
		return this.redis;
	}

	public Beat getBeat() {
		return this.beat;
	}

	/**
	 * taskq's own Redis keys (results keep Celery's names, see taskq.result.key-prefix).
	 */
	public static class Redis {

		/**
		 * Prefix of taskq's own Redis keys: the schedule, failed tasks, revocations, idempotency keys, exclusive
		 * leases and rate limits. Give applications that share a Redis but not their tasks prefixes of their own.
		 */
		private String keyPrefix = "taskq:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

	/**
	 * Settings of one queue.
	 */
	public static class Queue {

		/**
		 * Highest priority of the queue's messages (x-max-priority, Celery uses 10); overrides
		 * taskq.queue-max-priority. Only applies when taskq creates the queue.
		 */
		private @Nullable Integer maxPriority;

		public @Nullable Integer getMaxPriority() {
			return this.maxPriority;
		}

		public void setMaxPriority(@Nullable Integer maxPriority) {
			this.maxPriority = maxPriority;
		}

	}

	/**
	 * Periodic tasks: schedules fired once per tick across every instance, with no leader.
	 */
	public static class Beat {

		/**
		 * Whether this application fires the ticks of periodic tasks. When not set, it does where the worker is on;
		 * set it to true for an application that only schedules. Any number of applications may, each tick is
		 * sent once.
		 */
		private @Nullable Boolean enabled;

		/**
		 * How often the scheduler looks for due schedules at most; it wakes sooner for a schedule due sooner.
		 */
		private Duration pollInterval = Duration.ofMillis(100);

		/**
		 * How long a scheduler's claim on due schedules keeps other instances from them; if it dies or cannot send
		 * before recording their ticks, they are due again after this. Keep it below the misfire threshold, so that
		 * a tick whose claimer died still fires as on time.
		 */
		private Duration claim = Duration.ofSeconds(3);

		/**
		 * How late a tick may be found due and still fire as on time; a later one is a missed tick, for the
		 * schedule's missed-ticks policy. Decided by the clock of Redis.
		 */
		private Duration misfireThreshold = Duration.ofSeconds(5);

		/**
		 * Most schedules one poll claims; more due schedules are claimed by the next poll, at once.
		 */
		private int maxPerPoll = 1000;

		/**
		 * How many runs each schedule's history keeps.
		 */
		private int historySize = 20;

		/**
		 * How long the idempotency key of each tick's send is kept: a tick sent again within this (by another
		 * instance, or after a failure) publishes no second task.
		 */
		private Duration sendWindow = Duration.ofMinutes(15);

		/**
		 * How long the schedules' Redis keys live after they were last written or polled.
		 */
		private Duration keyExpiry = Duration.ofDays(30);

		/**
		 * Schedules declared in configuration, by name; one with the name of a @Periodic schedule overrides it. Keys
		 * of each: task, cron or every, zone, args, kwargs, queue, missed-ticks (skip, fire-once, catch-up),
		 * catch-up-window, overlap (allow, skip, buffer-one), jitter, start, end, paused.
		 */
		private Map<String, BeatScheduleProperties> schedules = new LinkedHashMap<>();

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getClaim() {
			return this.claim;
		}

		public void setClaim(Duration claim) {
			this.claim = claim;
		}

		public Duration getMisfireThreshold() {
			return this.misfireThreshold;
		}

		public void setMisfireThreshold(Duration misfireThreshold) {
			this.misfireThreshold = misfireThreshold;
		}

		public int getMaxPerPoll() {
			return this.maxPerPoll;
		}

		public void setMaxPerPoll(int maxPerPoll) {
			this.maxPerPoll = maxPerPoll;
		}

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = historySize;
		}

		public Duration getSendWindow() {
			return this.sendWindow;
		}

		public void setSendWindow(Duration sendWindow) {
			this.sendWindow = sendWindow;
		}

		public Duration getKeyExpiry() {
			return this.keyExpiry;
		}

		public void setKeyExpiry(Duration keyExpiry) {
			this.keyExpiry = keyExpiry;
		}

		public Map<String, BeatScheduleProperties> getSchedules() {
			return this.schedules;
		}

		public void setSchedules(Map<String, BeatScheduleProperties> schedules) {
			this.schedules = schedules;
		}

	}

	/**
	 * One schedule declared in configuration. Exactly one of cron and every is required.
	 */
	public static class BeatScheduleProperties {

		/**
		 * Task the schedule sends; any worker on the queue may know it, a Python one too.
		 */
		private @Nullable String task;

		/**
		 * Cron expression: Spring's six fields (second first), the classic five fields, or a macro such as
		 * @daily.
		 */
		private @Nullable String cron;

		/**
		 * Fixed rate, counted from the start if set, else from the epoch (every 1m ticks on whole minutes of UTC).
		 */
		private @Nullable Duration every;

		/**
		 * Zone the cron expression is read in, for example Europe/Berlin; UTC if not set.
		 */
		private @Nullable String zone;

		/**
		 * Positional arguments of each task sent.
		 */
		private List<Object> args = new ArrayList<>();

		/**
		 * Keyword arguments of each task sent.
		 */
		private Map<String, Object> kwargs = new LinkedHashMap<>();

		/**
		 * Queue the task is sent to; the task's own route if not set.
		 */
		private @Nullable String queue;

		/**
		 * What happens to ticks that passed while no instance could fire them.
		 */
		private MissedTicks missedTicks = MissedTicks.FIRE_ONCE;

		/**
		 * With missed-ticks catch-up, how far back missed ticks are still fired.
		 */
		private Duration catchUpWindow = Duration.ofHours(1);

		/**
		 * What happens to a tick while the task of the previous one has not finished.
		 */
		private Overlap overlap = Overlap.ALLOW;

		/**
		 * Up to how long after its tick each task is delayed, the same delay on every instance; none if not set.
		 */
		private @Nullable Duration jitter;

		/**
		 * First instant a tick may be at, ISO-8601 with an offset (2026-01-01T00:00:00Z or
		 * 2026-01-01T00:00:00+01:00).
		 */
		private @Nullable String start;

		/**
		 * Last instant a tick may be at, ISO-8601 with an offset.
		 */
		private @Nullable String end;

		/**
		 * Whether the schedule is paused when it is first added; later, pause and resume it at runtime.
		 */
		private boolean paused;

		public @Nullable String getTask() {
			return this.task;
		}

		public void setTask(@Nullable String task) {
			this.task = task;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable Duration getEvery() {
			return this.every;
		}

		public void setEvery(@Nullable Duration every) {
			this.every = every;
		}

		public @Nullable String getZone() {
			return this.zone;
		}

		public void setZone(@Nullable String zone) {
			this.zone = zone;
		}

		public List<Object> getArgs() {
			return this.args;
		}

		public void setArgs(List<Object> args) {
			this.args = args;
		}

		public Map<String, Object> getKwargs() {
			return this.kwargs;
		}

		public void setKwargs(Map<String, Object> kwargs) {
			this.kwargs = kwargs;
		}

		public @Nullable String getQueue() {
			return this.queue;
		}

		public void setQueue(@Nullable String queue) {
			this.queue = queue;
		}

		public MissedTicks getMissedTicks() {
			return this.missedTicks;
		}

		public void setMissedTicks(MissedTicks missedTicks) {
			this.missedTicks = missedTicks;
		}

		public Duration getCatchUpWindow() {
			return this.catchUpWindow;
		}

		public void setCatchUpWindow(Duration catchUpWindow) {
			this.catchUpWindow = catchUpWindow;
		}

		public Overlap getOverlap() {
			return this.overlap;
		}

		public void setOverlap(Overlap overlap) {
			this.overlap = overlap;
		}

		public @Nullable Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Duration jitter) {
			this.jitter = jitter;
		}

		public @Nullable String getStart() {
			return this.start;
		}

		public void setStart(@Nullable String start) {
			this.start = start;
		}

		public @Nullable String getEnd() {
			return this.end;
		}

		public void setEnd(@Nullable String end) {
			this.end = end;
		}

		public boolean isPaused() {
			return this.paused;
		}

		public void setPaused(boolean paused) {
			this.paused = paused;
		}

	}

	/**
	 * Delayed tasks (countdown, ETA): a durable schedule in Redis and a promoter publishing due tasks.
	 */
	public static class Schedule {

		/**
		 * Whether this application promotes due tasks from the schedule to their queues. Any number of
		 * applications may; at least one should.
		 */
		private boolean promoterEnabled = true;

		/**
		 * How often the promoter checks the schedule; a due task is published at most about this late.
		 */
		private Duration pollInterval = Duration.ofMillis(100);

		/**
		 * How long a promoter's claim on due tasks lasts; if it dies before publishing them, other promoters
		 * take them over after this.
		 */
		private Duration lease = Duration.ofSeconds(30);

		public boolean isPromoterEnabled() {
			return this.promoterEnabled;
		}

		public void setPromoterEnabled(boolean promoterEnabled) {
			this.promoterEnabled = promoterEnabled;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

	}

	/**
	 * Settings of one task.
	 */
	public static class Task {

		/**
		 * Queue the task is sent to and consumed from.
		 */
		private @Nullable String queue;

		/**
		 * Exception types on which the task retries automatically; overrides @TaskHandler(autoRetryFor).
		 */
		private @Nullable List<Class<? extends Throwable>> autoRetryFor;

		/**
		 * Most retries; overrides @TaskHandler(maxRetries).
		 */
		private @Nullable Integer maxRetries;

		/**
		 * Countdown of a retry when no backoff is set; overrides @TaskHandler(retryDelay).
		 */
		private @Nullable Duration retryDelay;

		/**
		 * First countdown of an exponential retry backoff; overrides @TaskHandler(retryBackoff).
		 */
		private @Nullable Duration retryBackoff;

		/**
		 * Largest retry backoff countdown; overrides @TaskHandler(retryBackoffMax).
		 */
		private @Nullable Duration retryBackoffMax;

		/**
		 * Whether retry backoff countdowns are jittered; overrides @TaskHandler(retryJitter).
		 */
		private @Nullable Boolean retryJitter;

		/**
		 * Hard time limit; overrides @TaskHandler(timeLimit).
		 */
		private @Nullable Duration timeLimit;

		/**
		 * Soft time limit; overrides @TaskHandler(softTimeLimit).
		 */
		private @Nullable Duration softTimeLimit;

		/**
		 * Whether the message is acknowledged after the task (at-least-once) rather than before it
		 * (at-most-once); overrides @TaskHandler(acksLate).
		 */
		private @Nullable Boolean acksLate;

		/**
		 * How long the task's stored outcomes are kept; overrides @TaskHandler(resultExpires) and
		 * taskq.result.expires.
		 */
		private @Nullable Duration resultExpires;

		public @Nullable Duration getResultExpires() {
			return this.resultExpires;
		}

		public void setResultExpires(@Nullable Duration resultExpires) {
			this.resultExpires = resultExpires;
		}

		public @Nullable Duration getTimeLimit() {
			return this.timeLimit;
		}

		public void setTimeLimit(@Nullable Duration timeLimit) {
			this.timeLimit = timeLimit;
		}

		public @Nullable Duration getSoftTimeLimit() {
			return this.softTimeLimit;
		}

		public void setSoftTimeLimit(@Nullable Duration softTimeLimit) {
			this.softTimeLimit = softTimeLimit;
		}

		public @Nullable Boolean getAcksLate() {
			return this.acksLate;
		}

		public void setAcksLate(@Nullable Boolean acksLate) {
			this.acksLate = acksLate;
		}

		/**
		 * Most runs of the task started per second, minute or hour across all workers, in Celery's syntax
		 * ("10/s", "100/m", "1000/h", or a number meaning per second); overrides the @TaskHandler attribute.
		 */
		private @Nullable String rateLimit;

		/**
		 * Priority the task is sent with, 0 to 255 (Celery uses 0 to 9, higher first) on queues with a max
		 * priority; overrides the @TaskHandler attribute, and a send option overrides it.
		 */
		private @Nullable Integer priority;

		/**
		 * SpEL expression over the handler's arguments under which runs exclude each other (at most one run per
		 * value at a time); overrides @TaskHandler(exclusiveKey). An empty string turns exclusion off.
		 */
		private @Nullable String exclusiveKey;

		/**
		 * What a run does when another run holds its exclusive key; overrides @TaskHandler(onConflict).
		 */
		private @Nullable OnConflict onConflict;

		/**
		 * How long an exclusive key's lease lasts unless the running task renews it; overrides
		 * @TaskHandler(exclusiveLease).
		 */
		private @Nullable Duration exclusiveLease;

		/**
		 * How long a run that met a taken exclusive key waits before it tries again; overrides
		 * @TaskHandler(conflictRetryDelay).
		 */
		private @Nullable Duration conflictRetryDelay;

		/**
		 * How long a send's idempotency key is remembered when the send names no window. Defaults to
		 * taskq.result.expires.
		 */
		private @Nullable Duration idempotencyWindow;

		public @Nullable String getQueue() {
			return this.queue;
		}

		public void setQueue(@Nullable String queue) {
			this.queue = queue;
		}

		public @Nullable List<Class<? extends Throwable>> getAutoRetryFor() {
			return this.autoRetryFor;
		}

		public void setAutoRetryFor(@Nullable List<Class<? extends Throwable>> autoRetryFor) {
			this.autoRetryFor = autoRetryFor;
		}

		public @Nullable Integer getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(@Nullable Integer maxRetries) {
			this.maxRetries = maxRetries;
		}

		public @Nullable Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(@Nullable Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public @Nullable Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(@Nullable Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public @Nullable Duration getRetryBackoffMax() {
			return this.retryBackoffMax;
		}

		public void setRetryBackoffMax(@Nullable Duration retryBackoffMax) {
			this.retryBackoffMax = retryBackoffMax;
		}

		public @Nullable Boolean getRetryJitter() {
			return this.retryJitter;
		}

		public void setRetryJitter(@Nullable Boolean retryJitter) {
			this.retryJitter = retryJitter;
		}

		public @Nullable String getExclusiveKey() {
			return this.exclusiveKey;
		}

		public void setExclusiveKey(@Nullable String exclusiveKey) {
			this.exclusiveKey = exclusiveKey;
		}

		public @Nullable OnConflict getOnConflict() {
			return this.onConflict;
		}

		public void setOnConflict(@Nullable OnConflict onConflict) {
			this.onConflict = onConflict;
		}

		public @Nullable Duration getExclusiveLease() {
			return this.exclusiveLease;
		}

		public void setExclusiveLease(@Nullable Duration exclusiveLease) {
			this.exclusiveLease = exclusiveLease;
		}

		public @Nullable Duration getConflictRetryDelay() {
			return this.conflictRetryDelay;
		}

		public void setConflictRetryDelay(@Nullable Duration conflictRetryDelay) {
			this.conflictRetryDelay = conflictRetryDelay;
		}

		public @Nullable Duration getIdempotencyWindow() {
			return this.idempotencyWindow;
		}

		public void setIdempotencyWindow(@Nullable Duration idempotencyWindow) {
			this.idempotencyWindow = idempotencyWindow;
		}

		public @Nullable String getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(@Nullable String rateLimit) {
			this.rateLimit = rateLimit;
		}

		public @Nullable Integer getPriority() {
			return this.priority;
		}

		public void setPriority(@Nullable Integer priority) {
			this.priority = priority;
		}

	}

	/**
	 * Producer settings.
	 */
	public static class Publisher {

		/**
		 * How long a send waits for the broker's publisher confirm before it fails.
		 */
		private Duration confirmTimeout = Duration.ofSeconds(10);

		public Duration getConfirmTimeout() {
			return this.confirmTimeout;
		}

		public void setConfirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
		}

	}

	/**
	 * Worker settings.
	 */
	public static class Worker {

		/**
		 * Whether this application runs @TaskHandler methods; false gives a producer-only application.
		 */
		private boolean enabled = true;

		/**
		 * Number of tasks each queue runs at once (consumers per queue). Defaults to the number of processors.
		 */
		private int concurrency = Runtime.getRuntime().availableProcessors();

		/**
		 * Largest number of consumers per queue when load grows; defaults to the concurrency.
		 */
		private @Nullable Integer maxConcurrency;

		/**
		 * Number of unacknowledged messages each consumer may hold (AMQP prefetch).
		 */
		private int prefetch = 4;

		/**
		 * How long a stopping worker lets running tasks finish before it closes its channels; unfinished tasks
		 * go back to the queue.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		/**
		 * Whether the STARTED state is stored when a task begins (Celery's task_track_started).
		 */
		private boolean trackStarted;

		/**
		 * Largest message body accepted; larger messages are dead-lettered.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(10);

		/**
		 * Queue that receives messages that cannot run, with the reason in their headers.
		 */
		private String deadLetterQueue = "taskq.dead-letter";

		/**
		 * How long a task runs before its delivery is acknowledged and held by a lease in Redis instead, so that
		 * RabbitMQ's consumer timeout (30 minutes by default) never kills it; keep it below that timeout.
		 */
		private Duration leaseAfter = Duration.ofMinutes(10);

		/**
		 * How far ahead a long task's lease reaches (renewed three times as often); if its worker dies, the task
		 * is published again for another worker this long after.
		 */
		private Duration lease = Duration.ofMinutes(1);

		/**
		 * Whether this worker consumes Celery's remote-control (pidbox) commands, so that a revoke sent by
		 * Celery ("celery control revoke", app.control.revoke) is honoured.
		 */
		private boolean remoteControl = true;

		/**
		 * How many times a message may be redelivered (its worker died, was killed or stopped while it ran)
		 * without any delivery reaching an outcome; one redelivered more often is a poison message: it is
		 * dead-lettered with reason 'poison' and FAILURE (WorkerLostError) is stored. -1 never dead-letters.
		 */
		private int maxRedeliveries = 3;

		public int getMaxRedeliveries() {
			return this.maxRedeliveries;
		}

		public void setMaxRedeliveries(int maxRedeliveries) {
			this.maxRedeliveries = maxRedeliveries;
		}

		public Duration getLeaseAfter() {
			return this.leaseAfter;
		}

		public void setLeaseAfter(Duration leaseAfter) {
			this.leaseAfter = leaseAfter;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(@Nullable Integer maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public int getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(int prefetch) {
			this.prefetch = prefetch;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public boolean isTrackStarted() {
			return this.trackStarted;
		}

		public void setTrackStarted(boolean trackStarted) {
			this.trackStarted = trackStarted;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public String getDeadLetterQueue() {
			return this.deadLetterQueue;
		}

		public void setDeadLetterQueue(String deadLetterQueue) {
			this.deadLetterQueue = deadLetterQueue;
		}

		public boolean isRemoteControl() {
			return this.remoteControl;
		}

		public void setRemoteControl(boolean remoteControl) {
			this.remoteControl = remoteControl;
		}

	}

	/**
	 * Result store settings.
	 */
	public static class Result {

		/**
		 * How long stored states and results are kept (Celery's result_expires). Every key taskq writes expires.
		 */
		private Duration expires = Duration.ofDays(1);

		/**
		 * Whether results also store the task's name, args, kwargs, worker, retries and queue (Celery's
		 * result_extended).
		 */
		private boolean extended;

		/**
		 * Prefix of every result key (Celery's global_keyprefix); an underscore is appended unless it ends in one
		 * of ":_-.".
		 */
		private String keyPrefix = "";

		/**
		 * Whether the producer stores a SENT state when it sends a task, so a queued task can be told from an
		 * unknown id (costs one Redis write per send).
		 */
		private boolean trackSent = true;

		public boolean isTrackSent() {
			return this.trackSent;
		}

		public void setTrackSent(boolean trackSent) {
			this.trackSent = trackSent;
		}

		public Duration getExpires() {
			return this.expires;
		}

		public void setExpires(Duration expires) {
			this.expires = expires;
		}

		public boolean isExtended() {
			return this.extended;
		}

		public void setExtended(boolean extended) {
			this.extended = extended;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

}
