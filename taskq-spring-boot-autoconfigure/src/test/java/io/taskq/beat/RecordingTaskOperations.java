package io.taskq.beat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.core.IdempotencyKeys;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.store.fake.InMemoryLeaseStore;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.store.fake.InMemoryRevocationStore;

/**
 * A {@link TaskOperations} that records the requests it is given, honours idempotency keys as the template's
 * {@code IdempotencyInterceptor} does (a key claimed before returns the first task's handle and sends nothing; a
 * failed send releases it), and fails sends when told to.
 */
class RecordingTaskOperations implements TaskOperations {

	final InMemoryResultStore results = new InMemoryResultStore();

	final IdempotencyKeys keys;

	private final List<TaskRequest> sent = new ArrayList<>();

	private Function<TaskRequest, @Nullable RuntimeException> failure = (request) -> null;

	/**
	 * Create one whose idempotency keys lapse by a clock.
	 * @param clock tells when keys lapse
	 */
	RecordingTaskOperations(Clock clock) {
		this.keys = new IdempotencyKeys(new InMemoryLeaseStore(clock), (task) -> Duration.ofDays(1));
	}

	/**
	 * The requests sent (not those an idempotency key stopped), in order.
	 */
	synchronized List<TaskRequest> sent() {
		return List.copyOf(this.sent);
	}

	/**
	 * Fail the sends for which the function returns an exception.
	 */
	synchronized void failWith(Function<TaskRequest, @Nullable RuntimeException> failure) {
		this.failure = failure;
	}

	@Override
	public TaskHandle send(String task, @Nullable Object... args) {
		return send(TaskRequest.builder(task).args(args).build());
	}

	@Override
	public TaskHandle sendWithKwargs(String task, Map<String, ? extends @Nullable Object> kwargs) {
		return send(TaskRequest.builder(task).kwargs(kwargs).build());
	}

	@Override
	public synchronized TaskHandle send(TaskRequest request) {
		String taskId = (request.taskId() != null) ? request.taskId() : UUID.randomUUID().toString();
		String key = request.idempotencyKey();
		if (key != null) {
			String existing = this.keys.claim(request.task(), key, request.idempotencyWindow(), taskId);
			if (existing != null) {
				return handle(existing);
			}
		}
		RuntimeException failure = this.failure.apply(request);
		if (failure != null) {
			if (key != null) {
				this.keys.release(request.task(), key, taskId);
			}
			throw failure;
		}
		this.sent.add(request);
		return handle(taskId);
	}

	@Override
	public TaskHandle handle(String taskId) {
		return new TaskHandle(taskId, this.results, JsonMapper.builder().build(), new InMemoryRevocationStore());
	}

	@Override
	public void revoke(String taskId, boolean terminate) {
		throw new UnsupportedOperationException();
	}

}
