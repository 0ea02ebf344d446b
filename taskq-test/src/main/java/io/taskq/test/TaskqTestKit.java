package io.taskq.test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.taskq.annotation.TaskHandlerBeanPostProcessor;
import io.taskq.broker.AbstractDelivery;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskRoutes;
import io.taskq.core.TaskSendPipeline;
import io.taskq.core.TaskTemplate;
import io.taskq.core.send.ParentTaskInterceptor;
import io.taskq.core.send.RoutingInterceptor;
import io.taskq.core.send.SentAtInterceptor;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.protocol.WireMessage;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskArgumentRules;
import io.taskq.worker.TaskChains;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TaskEndpointRegistry;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskStateWriter;
import io.taskq.worker.TaskWorkerSettings;
import io.taskq.worker.outcome.RetryElector;
import io.taskq.worker.outcome.StateOutcomeHandler;

/**
 * {@link TaskOperations} for an application's own tests, with no broker and no Redis: every send is encoded by
 * taskq's real codec into a Celery protocol v2 message, exactly as the producer encodes it, and recorded as a
 * {@link SentTask}. Running a recorded task decodes that message, finds its handler in the application's
 * {@link TaskEndpointRegistry}, binds the arguments with taskq's strict rules, invokes the handler and stores
 * SUCCESS, FAILURE or RETRY in memory, so {@link TaskHandle#get(Duration)} and {@link TaskHandle#state()} work as in
 * production.
 * <p>
 * In {@link Mode#FAKE} (the default) sends are only recorded, and the test runs them with {@link #runAll()},
 * {@link #run(String)} or {@link #runNext()}, or drops them with {@link #clear()}. In {@link Mode#INLINE} each send
 * runs at once on the sending thread, before {@code send} returns; tasks sent by a running task run too, nested
 * at most {@link #MAX_INLINE_DEPTH} deep.
 * <p>
 * A handler's retry is recorded as a new sent task with its countdown, as the worker would send it; in FAKE mode
 * it waits to be run like any other, in INLINE mode it runs at once, the countdown ignored, until the task's
 * retries are used up. Countdowns and ETAs are recorded, never waited for.
 * <p>
 * Not applied, since no broker is involved: queue consumption, priorities, rate limits, time limits, expiry,
 * uniqueness ({@code exclusiveKey}) and idempotency keys.
 */
public class TaskqTestKit implements TaskOperations {

	/** How deep INLINE sends nest (tasks sending tasks) before a send fails, against endless recursion. */
	public static final int MAX_INLINE_DEPTH = 32;

	/** How many tasks one call of {@link #runAll()} or {@link #run(String)} runs at most. */
	public static final int MAX_RUNS = 10_000;

	private static final String NODE_NAME = "taskq-test";

	private static final TypeReference<List<@Nullable Object>> ARGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, @Nullable Object>> KWARGS = new TypeReference<>() {
	};

	private final TaskEndpointRegistry registry;

	private final TaskMessageCodec codec;

	private final JsonMapper jsonMapper;

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final TaskTemplate template;

	private final TaskChains handlers = new TaskChains(List.of(), List.of());

	private final RetryElector retries;

	private final StateOutcomeHandler states;

	private final List<SentTask> sent = new ArrayList<>();

	private final Deque<SentTask> pending = new ArrayDeque<>();

	private Mode mode = Mode.FAKE;

	private int depth;

	/**
	 * Create a kit that runs the handlers of a registry.
	 * @param registry the application's handlers
	 * @param routes chooses each task's queue, as the producer does
	 * @param jsonMapper taskq's JSON mapper, with {@link TaskArgumentRules} applied, as the registry's
	 * @param codec the message codec
	 */
	public TaskqTestKit(TaskEndpointRegistry registry, TaskRoutes routes, JsonMapper jsonMapper,
			TaskMessageCodec codec) {
		this.registry = registry;
		this.codec = codec;
		this.jsonMapper = jsonMapper;
		Clock clock = Clock.systemUTC();
		TaskSendPipeline pipeline = new TaskSendPipeline(List.of(new RoutingInterceptor(routes),
				new ParentTaskInterceptor(), new SentAtInterceptor()), this::dispatch, List.of());
		this.template = new TaskTemplate(pipeline, this.results, this.results, jsonMapper, NODE_NAME);
		this.retries = new RetryElector(codec, clock);
		this.states = new StateOutcomeHandler(new TaskStateWriter(this.results, new TaskWorkerSettings(NODE_NAME,
				false, Duration.ofDays(1), false, Long.MAX_VALUE, Duration.ZERO, Duration.ZERO, 0)));
	}

	/**
	 * Create a kit for the {@link io.taskq.annotation.TaskHandler @TaskHandler} methods of some objects, without
	 * Spring: they are found as in an application, every task going to the default queue {@code celery} unless
	 * its annotation names one.
	 * @param handlers the objects with handler methods
	 * @return the kit, in FAKE mode
	 */
	public static TaskqTestKit of(Object... handlers) {
		JsonMapper jsonMapper = TaskArgumentRules.applyTo(JsonMapper.builder()).build();
		TaskRoutes routes = new TaskRoutes("celery", Map.of(), Map.of());
		TaskEndpointRegistry registry = new TaskEndpointRegistry(routes, Map.of(), jsonMapper);
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory();
		beanFactory.addBean("taskEndpointRegistry", registry);
		TaskHandlerBeanPostProcessor finder = new TaskHandlerBeanPostProcessor();
		finder.setBeanFactory(beanFactory);
		for (int i = 0; i < handlers.length; i++) {
			finder.postProcessAfterInitialization(handlers[i], "handler" + i);
		}
		finder.afterSingletonsInstantiated();
		return new TaskqTestKit(registry, routes, jsonMapper, new TaskMessageCodec(JsonMapper.builder().build()));
	}

	/**
	 * The mode sends are handled in.
	 * @return the mode
	 */
	public synchronized Mode mode() {
		return this.mode;
	}

	/**
	 * Choose how later sends are handled; tasks already recorded stay recorded.
	 * @param mode the mode
	 * @return this kit
	 */
	public synchronized TaskqTestKit mode(Mode mode) {
		this.mode = mode;
		return this;
	}

	@Override
	public TaskHandle send(String task, @Nullable Object... args) {
		return this.template.send(task, args);
	}

	@Override
	public TaskHandle sendWithKwargs(String task, Map<String, ? extends @Nullable Object> kwargs) {
		return this.template.sendWithKwargs(task, kwargs);
	}

	@Override
	public TaskHandle send(TaskRequest request) {
		return this.template.send(request);
	}

	@Override
	public TaskHandle handle(String taskId) {
		return this.template.handle(taskId);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A revoked task that was not run yet is stored REVOKED and is skipped when run.
	 */
	@Override
	public void revoke(String taskId, boolean terminate) {
		this.template.revoke(taskId, terminate);
	}

	/**
	 * Every task sent since the kit was created or cleared, run or not, in the order sent (retries included).
	 * @return the sent tasks
	 */
	public synchronized List<SentTask> sent() {
		return List.copyOf(this.sent);
	}

	/**
	 * The tasks of a name sent since the kit was created or cleared, in the order sent.
	 * @param task the task name
	 * @return the sent tasks of that name
	 */
	public synchronized List<SentTask> sent(String task) {
		return this.sent.stream().filter((sentTask) -> sentTask.task().equals(task)).toList();
	}

	/**
	 * The tasks recorded and not run yet, oldest first.
	 * @return the waiting tasks
	 */
	public synchronized List<SentTask> pending() {
		return List.copyOf(this.pending);
	}

	/**
	 * Run the oldest waiting task.
	 * @return the task that ran
	 * @throws IllegalStateException if no task waits, or the task's name has no handler
	 */
	public synchronized SentTask runNext() {
		SentTask next = this.pending.peek();
		if (next == null) {
			throw new IllegalStateException("No recorded task waits to run");
		}
		handler(next.task());
		this.pending.remove();
		execute(next);
		return next;
	}

	/**
	 * Run waiting tasks, oldest first, until none waits, including those sent (and retries asked for) by the
	 * tasks that run.
	 * @return how many tasks ran
	 * @throws IllegalStateException if a task's name has no handler (it stays waiting), or more than
	 * {@link #MAX_RUNS} tasks ran
	 */
	public synchronized int runAll() {
		return runWhile((sentTask) -> true, "");
	}

	/**
	 * Run the waiting tasks of a name, oldest first, until none of that name waits, including those that running
	 * them sends; tasks of other names stay waiting.
	 * @param task the task name
	 * @return how many tasks ran
	 * @throws IllegalStateException if the name has no handler, or more than {@link #MAX_RUNS} tasks ran
	 */
	public synchronized int run(String task) {
		return runWhile((sentTask) -> sentTask.task().equals(task), " of '" + task + "'");
	}

	/**
	 * Drop every recorded task, run or not, and every stored result and revocation; the mode stays.
	 */
	public synchronized void clear() {
		this.sent.clear();
		this.pending.clear();
		this.results.clear();
	}

	/**
	 * Clear the kit and go back to FAKE mode, as between two tests.
	 */
	public synchronized void reset() {
		clear();
		this.mode = Mode.FAKE;
	}

	private int runWhile(Predicate<SentTask> selected, String which) {
		int runs = 0;
		for (SentTask next = take(selected); next != null; next = take(selected)) {
			if (++runs > MAX_RUNS) {
				this.pending.addFirst(next);
				throw new IllegalStateException("More than " + MAX_RUNS + " tasks" + which
						+ " ran in one call: do tasks keep sending each other?");
			}
			execute(next);
		}
		return runs;
	}

	private @Nullable SentTask take(Predicate<SentTask> selected) {
		for (Iterator<SentTask> waiting = this.pending.iterator(); waiting.hasNext();) {
			SentTask next = waiting.next();
			if (selected.test(next)) {
				handler(next.task());
				waiting.remove();
				return next;
			}
		}
		return null;
	}

	private synchronized void dispatch(OutgoingTask task) {
		TaskMessage message = task.message();
		Duration countdown = (message.eta() != null) ? Duration.between(task.sentAt(), message.eta()) : null;
		SentTask sentTask = record(this.codec.encode(message), task.queue(), countdown);
		if (this.mode == Mode.INLINE) {
			runInline(sentTask);
		}
		else {
			this.pending.add(sentTask);
		}
	}

	private SentTask record(WireMessage wire, String queue, @Nullable Duration countdown) {
		TaskMessage decoded = this.codec.decode(wire);
		SentTask sentTask = new SentTask(decoded.task(), decoded.id(),
				this.jsonMapper.convertValue(decoded.args(), ARGS), this.jsonMapper.convertValue(decoded.kwargs(), KWARGS),
				queue, decoded.eta(), countdown, decoded.retries(), decoded.parentId(), wire);
		this.sent.add(sentTask);
		return sentTask;
	}

	private void runInline(SentTask sentTask) {
		if (this.depth >= MAX_INLINE_DEPTH) {
			throw new IllegalStateException("Task " + sentTask + " is sent " + MAX_INLINE_DEPTH
					+ " tasks deep in INLINE mode: do tasks keep sending each other?");
		}
		this.depth++;
		try {
			execute(sentTask);
		}
		finally {
			this.depth--;
		}
	}

	private RegisteredTask handler(String taskName) {
		RegisteredTask task = this.registry.task(taskName);
		if (task == null) {
			throw new IllegalStateException("Task '" + taskName + "' has no @TaskHandler in this application,"
					+ " which serves " + this.registry.getEndpoints().stream().map(TaskEndpoint::name).toList());
		}
		return task;
	}

	private void execute(SentTask sentTask) {
		TaskMessage message = this.codec.decode(sentTask.message());
		RegisteredTask task = handler(message.task());
		if (this.results.isRevoked(message.id())) {
			return;
		}
		TaskExecution execution = TaskExecution.of(new RecordedDelivery(sentTask), Clock.systemUTC().instant(),
				message, task);
		TaskOutcome outcome = this.retries.elect(execution, invoke(execution));
		this.states.apply(execution, outcome);
		if (outcome instanceof TaskOutcome.Retrying retrying) {
			SentTask retry = record(retrying.retryMessage(), sentTask.queue(), retrying.countdown());
			if (this.mode == Mode.INLINE) {
				runInline(retry);
			}
			else {
				this.pending.add(retry);
			}
		}
	}

	/**
	 * Run the handler as the worker's pipeline ends: through a chain with none of the worker's steps.
	 */
	private TaskOutcome invoke(TaskExecution execution) {
		try {
			return this.handlers.run(execution);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running task " + execution.message().id(), ex);
		}
		catch (Exception ex) {
			return new TaskOutcome.Failed(ex);
		}
	}

	/**
	 * How the kit handles sends.
	 */
	public enum Mode {

		/** Record each send; the test runs recorded tasks on demand. */
		FAKE,

		/** Record each send and run it at once, on the sending thread. */
		INLINE

	}

	/**
	 * A recorded task handed to the worker's steps as the broker would hand it; settling it does nothing.
	 */
	private static final class RecordedDelivery extends AbstractDelivery {

		RecordedDelivery(SentTask sentTask) {
			super(sentTask.message(), sentTask.queue(), false);
		}

		@Override
		protected void acknowledge() {
		}

		@Override
		protected void giveBack() {
		}

	}

}
