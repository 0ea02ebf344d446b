package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.result.TaskResult;
import io.taskq.result.TaskState;
import io.taskq.store.fake.InMemoryResultStore;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TaskStateWriter;

import static io.taskq.worker.TestExecutions.NODE_NAME;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.settings;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class StartedStateInterceptorTests {

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final StartedStateInterceptor interceptor = new StartedStateInterceptor(
			new TaskStateWriter(this.results, settings(false)), NODE_NAME);

	private final RegisteredTask task = task(addEndpoint().build());

	@Test
	void appliesOnlyToTasksThatStoreResults() {
		assertThat(this.interceptor.appliesTo(this.task.endpoint())).isTrue();
		assertThat(this.interceptor.appliesTo(addEndpoint().storeResult(false).build())).isFalse();
	}

	@Test
	void storesStartedWithThePidAndNodeNameBeforeTheTaskRuns() throws Exception {
		TaskResult[] storedWhenRunning = new TaskResult[1];
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				(running) -> {
					storedWhenRunning[0] = this.results.get("t-1");
					return new TaskOutcome.Succeeded(null);
				});
		assertThat(outcome).isEqualTo(new TaskOutcome.Succeeded(null));
		assertThat(storedWhenRunning[0]).isNotNull();
		assertThat(storedWhenRunning[0].state()).isEqualTo(TaskState.STARTED);
		assertThat(storedWhenRunning[0].result().get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(storedWhenRunning[0].result().get("hostname").asString()).isEqualTo(NODE_NAME);
	}

	@Test
	void aMessageThatIgnoresItsResultStoresNothing() throws Exception {
		RecordingChain chain = RecordingChain.succeeding();
		this.interceptor.intercept(execution(addMessage("t-1", 2, 3).ignoreResult(true).build(), this.task), chain);
		assertThat(chain.proceeded()).isTrue();
		assertThat(this.results.writes()).isEmpty();
	}

}
