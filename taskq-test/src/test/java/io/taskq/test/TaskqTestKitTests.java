package io.taskq.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;
import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskTimeoutException;
import io.taskq.protocol.TaskMessage;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.result.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TaskqTestKit} without Spring.
 */
class TaskqTestKitTests {

	private final Handlers handlers = new Handlers();

	private final TaskqTestKit kit = TaskqTestKit.of(this.handlers);

	{
		this.handlers.tasks = this.kit;
	}

	@Test
	void sendIsEncodedAsCeleryProtocolV2Json() {
		TaskHandle handle = this.kit.send(TaskRequest.builder("forum.notify_user").args(7)
			.kwarg("channel", "email").countdown(Duration.ofSeconds(30)).build());

		SentTask sent = this.kit.sent().get(0);
		assertThat(sent.id()).isEqualTo(handle.id());
		assertThat(sent.queue()).isEqualTo("notifications");
		assertThat(sent.countdown()).isEqualTo(Duration.ofSeconds(30));
		assertThat(sent.eta()).isNotNull();
		assertThat(sent.message().headers()).containsEntry("task", "forum.notify_user")
			.containsEntry("id", handle.id()).containsEntry("lang", "py").containsEntry("retries", 0)
			.containsEntry("argsrepr", "[7]").containsKey("eta");
		assertThat(sent.message().contentType()).isEqualTo("application/json");
		JsonNode body = JsonMapper.builder().build()
			.readTree(new String(sent.message().body(), StandardCharsets.UTF_8));
		assertThat(body.toString()).startsWith("[[7],{\"channel\":\"email\"},{\"callbacks\":null");
		TaskMessage decoded = new TaskMessageCodec(JsonMapper.builder().build()).decode(sent.message());
		assertThat(decoded.task()).isEqualTo("forum.notify_user");
		assertThat(decoded.args().get(0).asInt()).isEqualTo(7);
		assertThat(decoded.kwargs().get("channel").asString()).isEqualTo("email");
		assertThat(sent.args()).containsExactly(7);
		assertThat(sent.kwargs()).containsEntry("channel", "email");
	}

	@Test
	void fakeModeRecordsSendsAndRunsThemOnDemand() {
		List<TaskHandle> handles = new ArrayList<>();
		for (int user = 1; user <= 30; user++) {
			handles.add(this.kit.send("forum.notify_user", user));
		}

		assertThat(this.kit.sent("forum.notify_user")).hasSize(30)
			.extracting(SentTask::args)
			.contains(List.of(7));
		assertThat(this.handlers.notified).isEmpty();
		assertThat(handles.get(0).state()).isEqualTo(TaskState.PENDING);
		assertThat(this.kit.runAll()).isEqualTo(30);
		assertThat(this.handlers.notified).hasSize(30).contains(7);
		assertThat(handles.get(6).state()).isEqualTo(TaskState.SUCCESS);
		assertThat(handles.get(6).get(Duration.ZERO, String.class)).isEqualTo("notified 7");
		assertThat(this.kit.pending()).isEmpty();
		assertThat(this.kit.sent()).hasSize(30);
	}

	@Test
	void runNextRunsTheOldestAndRunByNameLeavesOthersWaiting() {
		this.kit.send("forum.notify_user", 1);
		TaskHandle sum = this.kit.send("math.add", 2, 3);
		this.kit.send("forum.notify_user", 2);

		assertThat(this.kit.runNext().args()).containsExactly(1);
		assertThat(this.kit.run("forum.notify_user")).isEqualTo(1);
		assertThat(this.handlers.notified).containsExactly(1, 2);
		assertThat(this.kit.pending()).extracting(SentTask::task).containsExactly("math.add");
		assertThat(sum.state()).isEqualTo(TaskState.PENDING);
		assertThat(this.kit.runNext().task()).isEqualTo("math.add");
		assertThat(sum.get(Duration.ZERO, Integer.class)).isEqualTo(5);
		assertThatIllegalStateException().isThrownBy(this.kit::runNext).withMessageContaining("No recorded task");
	}

	@Test
	void clearDropsRecordedTasksAndResults() {
		TaskHandle done = this.kit.send("math.add", 1, 1);
		this.kit.runAll();
		this.kit.send("forum.notify_user", 1);

		this.kit.clear();

		assertThat(this.kit.sent()).isEmpty();
		assertThat(this.kit.pending()).isEmpty();
		assertThat(done.state()).isEqualTo(TaskState.PENDING);
		assertThat(this.kit.runAll()).isZero();
		assertThat(this.handlers.notified).isEmpty();
	}

	@Test
	void inlineModeRunsEachSendBeforeItReturns() {
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		TaskHandle sum = this.kit.sendWithKwargs("math.add", Map.of("a", 20, "b", 22));

		assertThat(sum.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(sum.get(Duration.ZERO, Integer.class)).isEqualTo(42);
		assertThat(this.kit.sent("math.add")).singleElement().satisfies((sent) -> {
			assertThat(sent.kwargs()).containsEntry("a", 20).containsEntry("b", 22);
			assertThat(sent.queue()).isEqualTo("celery");
		});
		assertThat(this.kit.pending()).isEmpty();
	}

	@Test
	void floatIntoIntParameterFailsAsOnAWorker() {
		TaskHandle sum = this.kit.send("math.add", 1.5, 2);

		this.kit.runAll();

		assertThat(sum.state()).isEqualTo(TaskState.FAILURE);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> sum.get(Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("TaskArgumentException");
				assertThat(ex.getRemoteMessage()).contains("math.add").contains("1.5");
			});
		assertThat(this.handlers.added).isZero();
	}

	@Test
	void handlerExceptionIsStoredAsFailureWithItsType() {
		TaskHandle failing = this.kit.send("math.divide", 1, 0);

		this.kit.runAll();

		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> failing.get(Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("ArithmeticException"));
	}

	@Test
	void unknownTaskNameFailsClearlyAndStaysWaiting() {
		this.kit.send("no.such_task", 1);

		assertThatIllegalStateException().isThrownBy(this.kit::runAll)
			.withMessageContaining("'no.such_task' has no @TaskHandler")
			.withMessageContaining("math.add");
		assertThat(this.kit.pending()).extracting(SentTask::task).containsExactly("no.such_task");
		this.kit.mode(TaskqTestKit.Mode.INLINE);
		assertThatIllegalStateException().isThrownBy(() -> this.kit.send("no.other_task"))
			.withMessageContaining("'no.other_task' has no @TaskHandler");
	}

	@Test
	void tasksSentByARunningTaskAreRecordedAsItsChildren() {
		TaskHandle parent = this.kit.send("forum.notify_all", List.of(4, 5));

		this.kit.runNext();

		assertThat(this.kit.pending()).extracting(SentTask::task).containsExactly("forum.notify_user",
				"forum.notify_user");
		assertThat(this.kit.pending()).extracting(SentTask::parentId).containsOnly(parent.id());
		assertThat(parent.result().children()).hasSize(2);
		assertThat(this.handlers.notified).isEmpty();
		this.kit.runAll();
		assertThat(this.handlers.notified).containsExactly(4, 5);
	}

	@Test
	void inlineModeRunsNestedSendsAtOnce() {
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		TaskHandle parent = this.kit.send("forum.notify_all", List.of(4, 5));

		assertThat(parent.get(Duration.ZERO, Integer.class)).isEqualTo(2);
		assertThat(this.handlers.notified).containsExactly(4, 5);
		assertThat(this.kit.sent("forum.notify_user")).extracting(SentTask::parentId).containsOnly(parent.id());
	}

	@Test
	void inlineModeStopsEndlessRecursion() {
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		TaskHandle first = this.kit.send("loop.forever", 0);

		assertThat(first.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(this.kit.sent("loop.forever")).hasSize(TaskqTestKit.MAX_INLINE_DEPTH + 1);
		SentTask deepest = this.kit.sent("loop.forever").get(TaskqTestKit.MAX_INLINE_DEPTH - 1);
		assertThatExceptionOfType(TaskFailedException.class)
			.isThrownBy(() -> this.kit.handle(deepest.id()).get(Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage()).contains("tasks deep in INLINE mode"));
	}

	@Test
	void runAllStopsTasksThatKeepSendingEachOther() {
		this.kit.send("loop.forever", 0);

		assertThatIllegalStateException().isThrownBy(this.kit::runAll)
			.withMessageContaining("More than " + TaskqTestKit.MAX_RUNS + " tasks ran in one call");
		assertThat(this.kit.pending()).singleElement()
			.satisfies((next) -> assertThat(next.args()).containsExactly(TaskqTestKit.MAX_RUNS));
	}

	@Test
	void fakeModeRecordsARetryWithItsCountdown() {
		TaskHandle flaky = this.kit.send("flaky.fetch", 2);

		this.kit.runNext();

		assertThat(flaky.state()).isEqualTo(TaskState.RETRY);
		assertThat(this.kit.pending()).singleElement().satisfies((retry) -> {
			assertThat(retry.id()).isEqualTo(flaky.id());
			assertThat(retry.retries()).isEqualTo(1);
			assertThat(retry.countdown()).isEqualTo(Duration.ofSeconds(30));
		});
		assertThat(this.kit.runAll()).isEqualTo(2);
		assertThat(flaky.get(Duration.ZERO, Integer.class)).isEqualTo(2);
		assertThat(this.kit.sent("flaky.fetch")).extracting(SentTask::retries).containsExactly(0, 1, 2);
	}

	@Test
	void inlineModeRunsRetriesAtOnceUntilTheyAreUsedUp() {
		this.kit.mode(TaskqTestKit.Mode.INLINE);

		TaskHandle flaky = this.kit.send("flaky.fetch", 10);

		assertThat(flaky.state()).isEqualTo(TaskState.FAILURE);
		assertThat(this.kit.sent("flaky.fetch")).hasSize(4);
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> flaky.get(Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.getRemoteType()).isEqualTo("IllegalStateException"));
	}

	@Test
	void revokedTaskIsSkipped() {
		TaskHandle handle = this.kit.send("forum.notify_user", 3);

		handle.revoke();
		this.kit.runAll();

		assertThat(handle.state()).isEqualTo(TaskState.REVOKED);
		assertThat(this.handlers.notified).isEmpty();
	}

	@Test
	void handleOfATaskNotRunTimesOut() {
		TaskHandle handle = this.kit.send("forum.notify_user", 3);

		assertThatExceptionOfType(TaskTimeoutException.class)
			.isThrownBy(() -> handle.get(Duration.ofMillis(10)));
	}

	static class Handlers {

		final List<Integer> notified = new ArrayList<>();

		int added;

		int attempts;

		TaskOperations tasks;

		@TaskHandler(value = "forum.notify_user", queue = "notifications")
		String notifyUser(int userId, Optional<String> channel) {
			this.notified.add(userId);
			return "notified " + userId;
		}

		@TaskHandler("forum.notify_all")
		int notifyAll(List<Integer> userIds) {
			userIds.forEach((userId) -> this.tasks.send("forum.notify_user", userId));
			return userIds.size();
		}

		@TaskHandler("math.add")
		int add(int a, int b) {
			this.added++;
			return a + b;
		}

		@TaskHandler("math.divide")
		int divide(int a, int b) {
			return a / b;
		}

		@TaskHandler("loop.forever")
		void loop(int depth) {
			this.tasks.send("loop.forever", depth + 1);
		}

		@TaskHandler(value = "flaky.fetch", maxRetries = 3)
		int fetch(int failures, TaskContext context) {
			if (context.getRetries() < failures) {
				throw context.retry(Duration.ofSeconds(30), new IllegalStateException("not yet"));
			}
			return context.getRetries();
		}

	}

}
