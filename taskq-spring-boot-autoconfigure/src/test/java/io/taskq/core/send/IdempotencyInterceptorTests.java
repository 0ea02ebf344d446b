package io.taskq.core.send;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.taskq.broker.TaskPublishException;
import io.taskq.core.IdempotencyKeys;
import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskSendInterceptor;
import io.taskq.store.fake.InMemoryLeaseStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdempotencyInterceptorTests {

	private static final String KEY = "idempotency:orders.ship:order-7";

	private final InMemoryLeaseStore leases = new InMemoryLeaseStore(
			Clock.fixed(OutgoingTasks.NOW, ZoneOffset.UTC));

	private final IdempotencyInterceptor interceptor = new IdempotencyInterceptor(
			new IdempotencyKeys(this.leases, (task) -> Duration.ofHours(1)));

	private final List<String> sent = new ArrayList<>();

	private final TaskSendInterceptor.Chain sending = (task) -> {
		this.sent.add(task.taskId());
		return task.handle(task.taskId());
	};

	@Test
	void aSendWithoutAKeyProceedsAndClaimsNothing() {
		TaskHandle handle = this.interceptor.intercept(OutgoingTasks.of("orders.ship"), this.sending);
		assertThat(handle.id()).isEqualTo("task-1");
		assertThat(this.sent).containsExactly("task-1");
		assertThat(this.leases.holder(KEY)).isNull();
	}

	@Test
	void aSendClaimsItsKeyForItsTaskId() {
		TaskHandle handle = this.interceptor.intercept(send("first"), this.sending);
		assertThat(handle.id()).isEqualTo("first");
		assertThat(this.sent).containsExactly("first");
		assertThat(this.leases.holder(KEY)).isEqualTo("first");
	}

	@Test
	void aKeyClaimedBeforeEndsTheSendWithTheEarlierTasksHandle() {
		this.interceptor.intercept(send("first"), this.sending);
		TaskHandle handle = this.interceptor.intercept(send("second"), this.sending);
		assertThat(handle.id()).isEqualTo("first");
		assertThat(this.sent).containsExactly("first");
		assertThat(this.leases.holder(KEY)).isEqualTo("first");
	}

	@Test
	void aFailedSendReleasesItsKeySoTheSendCanBeRetried() {
		TaskPublishException refused = new TaskPublishException("first", "broker said no", null);
		assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.interceptor.intercept(send("first"), (task) -> {
				throw refused;
			}))
			.isSameAs(refused);
		assertThat(this.leases.holder(KEY)).isNull();
		assertThat(this.interceptor.intercept(send("retried"), this.sending).id()).isEqualTo("retried");
		assertThat(this.sent).containsExactly("retried");
	}

	@Test
	void aReleaseThatFailsIsAddedToTheSendsFailure() {
		this.leases.failReleases();
		TaskPublishException refused = new TaskPublishException("first", "broker said no", null);
		assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.interceptor.intercept(send("first"), (task) -> {
				throw refused;
			}))
			.isSameAs(refused)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.extracting(Throwable::getMessage)
				.isEqualTo("Lease store is down"));
	}

	private static OutgoingTask send(String taskId) {
		return OutgoingTasks.of(TaskRequest.builder("orders.ship").taskId(taskId).idempotencyKey("order-7").build());
	}

}
