package io.taskq.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.broker.TaskPublishException;
import io.taskq.broker.fake.RecordingTaskBroker;
import io.taskq.core.send.BrokerTaskDispatcher;
import io.taskq.core.send.IdempotencyInterceptor;
import io.taskq.core.send.ParentTaskInterceptor;
import io.taskq.core.send.RoutingInterceptor;
import io.taskq.core.send.SentAtInterceptor;
import io.taskq.core.send.SentStateInterceptor;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.protocol.WireMessage;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryLeaseStore;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.store.fake.InMemoryRevocationStore;
import io.taskq.store.fake.InMemoryTaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The template with taskq's own send steps and dispatcher, on fakes of the broker and the stores.
 */
class TaskTemplateTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant CLOCK_TIME = Instant.parse("2026-12-02T10:00:00Z");

	private final TaskMessageCodec codec = new TaskMessageCodec(JSON, Clock.fixed(CLOCK_TIME, ZoneOffset.UTC));

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final InMemoryLeaseStore leases = new InMemoryLeaseStore(Clock.fixed(CLOCK_TIME, ZoneOffset.UTC));

	private final RecordingTaskBroker broker = new RecordingTaskBroker();

	private final InMemoryTaskSchedule schedule = new InMemoryTaskSchedule();

	private final InMemoryRevocationStore revocations = new InMemoryRevocationStore();

	private final List<OutgoingTask> sent = new ArrayList<>();

	private final TaskRoutes routes = new TaskRoutes("celery", Map.of("images.resize", "images"),
			Map.of("images.resize", 7));

	private final TaskTemplate template = new TaskTemplate(new TaskSendPipeline(
			List.of(new SentStateInterceptor(this.results, Duration.ofDays(1)), new SentAtInterceptor(),
					new ParentTaskInterceptor(), new RoutingInterceptor(this.routes),
					new IdempotencyInterceptor(new IdempotencyKeys(this.leases, (task) -> Duration.ofHours(1)))),
			new BrokerTaskDispatcher(this.broker, this.schedule, this.codec), List.of(this.sent::add)), this.results,
			this.revocations, JSON, "producer@host");

	@Test
	void sendsTheMessageTheTemplateSentBeforeItBecameAPipeline() {
		TaskRequest request = TaskRequest.builder("images.resize")
			.args("/data/cat.png", List.of(64, 256))
			.kwarg("fast", true)
			.taskId("thumb-cat")
			.header("tenant", "acme")
			.expires(CLOCK_TIME.plusSeconds(60))
			.ignoreResult(true)
			.timeLimit(Duration.ofSeconds(30))
			.softTimeLimit(Duration.ofMillis(1500))
			.build();
		long before = System.currentTimeMillis();
		TaskHandle handle = this.template.send(request);
		long after = System.currentTimeMillis();
		assertThat(handle.id()).isEqualTo("thumb-cat");
		RecordingTaskBroker.Published published = this.broker.published().get(0);
		assertThat(published.queue()).isEqualTo("images");
		Object sentAt = published.message().headers().get(TaskTemplate.SENT_AT_HEADER);
		assertThat(sentAt).isInstanceOf(Long.class);
		assertThat((long) sentAt).isBetween(before, after);
		TaskMessage asBefore = TaskMessage.builder("images.resize", "thumb-cat")
			.args((ArrayNode) JSON.valueToTree(List.of("/data/cat.png", List.of(64, 256))))
			.kwargs((ObjectNode) JSON.valueToTree(Map.of("fast", true)))
			.rootId("thumb-cat")
			.parentId(null)
			.origin("producer@host")
			.headers(Map.of("tenant", "acme"))
			.header(TaskTemplate.SENT_AT_HEADER, sentAt)
			.eta(null)
			.expires(CLOCK_TIME.plusSeconds(60))
			.priority(7)
			.ignoreResult(true)
			.timeLimits(30.0, 1.5)
			.build();
		WireMessage expected = this.codec.encode(asBefore);
		assertThat(published.message().body()).isEqualTo(expected.body());
		assertThat(published.message().headers()).containsExactlyEntriesOf(expected.headers());
		assertThat(published.message()).usingRecursiveComparison().isEqualTo(expected);
	}

	@Test
	void aTaskSentFromARunningTaskIsItsChild() throws Exception {
		TaskContext running = new TaskContext("parent-1", "orders.process", 0, "root-1", null, null, "celery",
				Map.of());
		List<TaskHandle> handles = new ArrayList<>();
		running.runAsCurrent(() -> handles.add(this.template.send("orders.ship", 7)));
		String childId = handles.get(0).id();
		assertThat(running.getChildren()).containsExactly(childId);
		TaskMessage message = this.codec.decode(this.broker.published().get(0).message());
		assertThat(message.parentId()).isEqualTo("parent-1");
		assertThat(message.rootId()).isEqualTo("root-1");
		assertThat(this.results.get(childId)).satisfies((state) -> {
			assertThat(state.state()).isEqualTo(TaskState.SENT);
			assertThat(state.parentId()).isEqualTo("parent-1");
		});
	}

	@Test
	void aTaskIsSentToItsQueueAndTheListenersAreTold() {
		TaskHandle handle = this.template.sendWithKwargs("orders.ship", Map.of("order", 7));
		assertThat(this.broker.published()).singleElement().satisfies((published) -> {
			assertThat(published.taskId()).isEqualTo(handle.id());
			assertThat(published.queue()).isEqualTo("celery");
		});
		assertThat(this.sent).singleElement().satisfies((task) -> {
			assertThat(task.taskId()).isEqualTo(handle.id());
			assertThat(task.queue()).isEqualTo("celery");
		});
		assertThat(handle.state()).isEqualTo(TaskState.SENT);
	}

	@Test
	void aTaskWithACountdownGoesOnTheSchedule() {
		TaskHandle handle = this.template
			.send(TaskRequest.builder("orders.ship").countdown(Duration.ofMinutes(5)).build());
		assertThat(this.broker.published()).isEmpty();
		assertThat(this.schedule.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.taskId()).isEqualTo(handle.id());
			assertThat(entry.queue()).isEqualTo("celery");
			assertThat(this.codec.decode(entry.message()).eta()).isEqualTo(entry.due().truncatedTo(ChronoUnit.MICROS));
			assertThat(entry.due()).isEqualTo(this.sent.get(0).sentAt().plus(Duration.ofMinutes(5)));
		});
	}

	@Test
	void aSecondSendWithAnIdempotencyKeyReturnsTheFirstTaskAndSendsNothing() throws Exception {
		TaskRequest request = TaskRequest.builder("orders.ship").args(7).idempotencyKey("order-7").build();
		TaskContext running = new TaskContext("parent-1", "orders.process", 0, "parent-1", null, null, "celery",
				Map.of());
		List<TaskHandle> handles = new ArrayList<>();
		running.runAsCurrent(() -> {
			handles.add(this.template.send(request));
			handles.add(this.template.send(request));
		});
		assertThat(handles.get(1).id()).isEqualTo(handles.get(0).id());
		assertThat(this.broker.published()).hasSize(1);
		assertThat(this.sent).hasSize(1);
		assertThat(running.getChildren()).containsExactly(handles.get(0).id());
	}

	@Test
	void aFailedSendLeavesNoTrace() throws Exception {
		this.broker.failPublishesWith(new TaskPublishException("x", "broker said no", null));
		TaskRequest request = TaskRequest.builder("orders.ship")
			.taskId("order-7-ship")
			.idempotencyKey("order-7")
			.build();
		TaskContext running = new TaskContext("parent-1", "orders.process", 0, "parent-1", null, null, "celery",
				Map.of());
		running.runAsCurrent(() -> assertThatExceptionOfType(TaskPublishException.class)
			.isThrownBy(() -> this.template.send(request)));
		assertThat(this.leases.holder("idempotency:orders.ship:order-7")).isNull();
		assertThat(this.results.get("order-7-ship")).isNull();
		assertThat(running.getChildren()).isEmpty();
		assertThat(this.sent).isEmpty();
	}

	@Test
	void argumentsThatAreNotJsonFailTheSendBeforeAnyStep() {
		TaskRequest request = TaskRequest.builder("orders.ship")
			.args(new Unwritable())
			.idempotencyKey("order-7")
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.send(request))
			.withMessageStartingWith("Arguments of task 'orders.ship' cannot be written as JSON");
		assertThat(this.leases.holder("idempotency:orders.ship:order-7")).isNull();
		assertThat(this.broker.published()).isEmpty();
	}

	@Test
	void revokesThroughTheRevocationStore() {
		this.template.revoke("task-1", true);
		assertThat(this.revocations.isRevoked("task-1")).isTrue();
		assertThat(this.revocations.isTerminated("task-1")).isTrue();
	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not now");
		}

	}

}
