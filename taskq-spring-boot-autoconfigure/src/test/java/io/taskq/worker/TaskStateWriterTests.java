package io.taskq.worker;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.taskq.protocol.TaskMessage;
import io.taskq.result.TaskErrors;
import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryResultStore;

import static io.taskq.worker.TestExecutions.JSON;
import static io.taskq.worker.TestExecutions.NODE_NAME;
import static io.taskq.worker.TestExecutions.RESULT_EXPIRES;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.delivery;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.settings;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TaskStateWriterTests {

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final TaskStateWriter writer = new TaskStateWriter(this.results, settings(false));

	private final TaskMessage message = addMessage("t-1", 2, 3).group("g-1", 0).parentId("p-1").retries(1).build();

	private final TaskExecution execution = execution(this.message, task(addEndpoint().build()));

	@Test
	void startedIsStoredWithoutChildrenNorDoneTime() {
		this.execution.context().addChild("c-1");
		this.writer.write(this.execution, TaskState.STARTED, JSON.createObjectNode().put("pid", 7), null);
		TaskResult started = stored();
		assertThat(started.state()).isEqualTo(TaskState.STARTED);
		assertThat(started.result()).isEqualTo(JSON.createObjectNode().put("pid", 7));
		assertThat(started.children()).isNull();
		assertThat(started.dateDone()).isNull();
		assertThat(started.groupId()).isEqualTo("g-1");
		assertThat(started.parentId()).isEqualTo("p-1");
		assertThat(started.extended()).isNull();
	}

	@Test
	void aReadyStateIsStoredWithTheChildrenAndWhenItWasDone() {
		this.execution.context().addChild("c-1");
		this.execution.context().addChild("c-2");
		this.writer.write(this.execution, TaskState.SUCCESS, IntNode.valueOf(5), null);
		TaskResult success = stored();
		assertThat(success.state()).isEqualTo(TaskState.SUCCESS);
		assertThat(success.result()).isEqualTo(IntNode.valueOf(5));
		assertThat(success.traceback()).isNull();
		assertThat(success.children()).isEqualTo(JSON.readTree("[[[\"c-1\", null], null], [[\"c-2\", null], null]]"));
		assertThat(success.dateDone()).isCloseTo(OffsetDateTime.now(ZoneOffset.UTC), within(Duration.ofMinutes(1)));
	}

	@Test
	void aRetryIsStoredWithTheChildrenButNotDone() {
		ObjectNode error = TaskErrors.of("IOException", "java.io", "timeout");
		this.writer.write(this.execution, TaskState.RETRY, error, "the traceback");
		TaskResult retry = stored();
		assertThat(retry.result()).isEqualTo(error);
		assertThat(retry.traceback()).isEqualTo("the traceback");
		assertThat(retry.children()).isEqualTo(JsonNodeFactory.instance.arrayNode());
		assertThat(retry.dateDone()).isNull();
	}

	@Test
	void statesOfATaskAreKeptAsLongAsItsResultsAre() {
		this.writer.write(this.execution, TaskState.STARTED, null, null);
		TaskExecution keptAnHour = execution(this.message,
				task(addEndpoint().resultExpires(Duration.ofHours(1)).build()));
		this.writer.write(keptAnHour, TaskState.STARTED, null, null);
		assertThat(this.results.writes()).extracting(InMemoryResultStore.Write::expires)
			.containsExactly(RESULT_EXPIRES, Duration.ofHours(1));
	}

	@Test
	void extendedResultsCarryTheTaskItsArgumentsTheWorkerItsRetriesAndQueue() {
		TaskMessage withKwargs = addMessage("t-1", 2, 3).kwargs(JSON.createObjectNode().put("c", 4))
			.retries(2)
			.build();
		new TaskStateWriter(this.results, settings(true)).write(execution(withKwargs, task(addEndpoint().build())),
				TaskState.SUCCESS, null, null);
		assertThat(stored().extended()).isEqualTo(new TaskResult.Extended("tasks.add",
				JSON.createArrayNode().add(2).add(3), JSON.createObjectNode().put("c", 4), NODE_NAME, 2, "queue"));
	}

	@Test
	void revokedIsStoredDoneWithNoChildrenForAsLongAsResultsAreKept() {
		this.execution.context().addChild("c-1");
		TaskExecution keptAnHour = execution(this.message,
				task(addEndpoint().resultExpires(Duration.ofHours(1)).build()));
		keptAnHour.context().addChild("c-1");
		ObjectNode error = TaskErrors.of("TaskRevokedError", "celery.exceptions", "revoked");
		new TaskStateWriter(this.results, settings(true)).writeRevoked(keptAnHour, error);
		TaskResult revoked = stored();
		assertThat(revoked.state()).isEqualTo(TaskState.REVOKED);
		assertThat(revoked.result()).isEqualTo(error);
		assertThat(revoked.children()).isEqualTo(JsonNodeFactory.instance.arrayNode());
		assertThat(revoked.dateDone()).isNotNull();
		assertThat(revoked.groupId()).isEqualTo("g-1");
		assertThat(revoked.parentId()).isEqualTo("p-1");
		assertThat(revoked.extended()).isNotNull();
		assertThat(this.results.writes()).singleElement()
			.extracting(InMemoryResultStore.Write::expires)
			.isEqualTo(RESULT_EXPIRES);
	}

	@Test
	void theFailureOfAMessageThatCannotRunIsStoredByItsIdAlone() {
		ObjectNode error = TaskErrors.notRegistered("tasks.mul");
		new TaskStateWriter(this.results, settings(true)).writeRejected("t-1", error, "the traceback");
		assertThat(stored()).satisfies((failure) -> {
			assertThat(failure.state()).isEqualTo(TaskState.FAILURE);
			assertThat(failure.result()).isEqualTo(error);
			assertThat(failure.traceback()).isEqualTo("the traceback");
			assertThat(failure.children()).isEqualTo(JsonNodeFactory.instance.arrayNode());
			assertThat(failure.dateDone()).isNotNull();
			assertThat(failure.groupId()).isNull();
			assertThat(failure.parentId()).isNull();
			assertThat(failure.extended()).isNull();
		});
		assertThat(this.results.writes()).singleElement()
			.extracting(InMemoryResultStore.Write::expires)
			.isEqualTo(RESULT_EXPIRES);
	}

	@Test
	void waitsOutAnOutageOfTheResultStore() {
		InMemoryResultStore recovering = new InMemoryResultStore() {

			private boolean down = true;

			@Override
			public synchronized boolean store(TaskResult result, Duration expires) {
				if (this.down) {
					this.down = false;
					throw new IllegalStateException("Redis is down");
				}
				return super.store(result, expires);
			}

		};
		new TaskStateWriter(recovering, settings(false)).write(this.execution, TaskState.SUCCESS, null, null);
		assertThat(recovering.get("t-1")).isNotNull();
	}

	@Test
	void aStateOfATaskFromNoKnownQueueSaysNoQueue() {
		TaskExecution fromNowhere = execution(delivery(this.message, null, false), this.message,
				task(addEndpoint().build()));
		new TaskStateWriter(this.results, settings(true)).write(fromNowhere, TaskState.SUCCESS, null, null);
		assertThat(stored().extended().queue()).isNull();
	}

	private TaskResult stored() {
		assertThat(this.results.get("t-1")).isNotNull();
		return this.results.get("t-1");
	}

}
