package io.taskq.core.send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.OutgoingTask;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryResultStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SentStateInterceptorTests {

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final SentStateInterceptor interceptor = new SentStateInterceptor(this.results, Duration.ofDays(1));

	@Test
	void storesSentWithTheParentBeforeTheTaskIsDispatched() {
		OutgoingTask task = OutgoingTasks.of("orders.ship");
		task.messageBuilder().parentId("parent-1");
		List<@Nullable TaskResult> storedWhenDispatched = new ArrayList<>();
		this.interceptor.intercept(task, (sent) -> {
			storedWhenDispatched.add(this.results.get(sent.taskId()));
			return sent.handle(sent.taskId());
		});
		assertThat(storedWhenDispatched).singleElement().satisfies((sent) -> {
			assertThat(sent.state()).isEqualTo(TaskState.SENT);
			assertThat(sent.parentId()).isEqualTo("parent-1");
		});
		assertThat(this.results.get("task-1")).isEqualTo(storedWhenDispatched.get(0));
	}

	@Test
	void neverReplacesAStateStoredFirst() {
		TaskResult started = new TaskResult("task-1", TaskState.STARTED, null, null, null, null, null, null, null);
		this.results.store(started, Duration.ofDays(1));
		this.interceptor.intercept(OutgoingTasks.of("orders.ship"), (sent) -> sent.handle(sent.taskId()));
		assertThat(this.results.get("task-1")).isEqualTo(started);
	}

	@Test
	void aFailedSendForgetsSent() {
		assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.interceptor.intercept(OutgoingTasks.of("orders.ship"), (sent) -> {
				assertThat(this.results.get(sent.taskId())).isNotNull();
				throw new TaskPublishException(sent.taskId(), "broker said no", null);
			}));
		assertThat(this.results.get("task-1")).isNull();
	}

	@Test
	void aStoreThatIsDownFailsNoSend() {
		this.results.goDown();
		assertThat(this.interceptor.intercept(OutgoingTasks.of("orders.ship"), (sent) -> sent.handle(sent.taskId()))
			.id()).isEqualTo("task-1");
	}

	@Test
	void aStoreThatIsDownHidesNoSendFailure() {
		this.results.goDown();
		TaskPublishException refused = new TaskPublishException("task-1", "broker said no", null);
		assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.interceptor.intercept(OutgoingTasks.of("orders.ship"), (sent) -> {
				throw refused;
			}))
			.isSameAs(refused);
	}

}
