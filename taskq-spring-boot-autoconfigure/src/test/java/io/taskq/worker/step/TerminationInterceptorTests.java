package io.taskq.worker.step;

import org.junit.jupiter.api.Test;

import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.RunningTasks;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;

class TerminationInterceptorTests {

	private static final TaskOutcome.Revoked TERMINATED = new TaskOutcome.Revoked(
			TaskOutcome.Revoked.Kind.TERMINATED, "terminated");

	private final RunningTasks runningTasks = new RunningTasks();

	private final TerminationInterceptor interceptor = new TerminationInterceptor(this.runningTasks);

	private final RegisteredTask task = task(addEndpoint().build());

	@Test
	void aTaskTerminatedWhileItRunsEndsRevokedWhateverItReturned() throws Exception {
		boolean[] terminated = new boolean[1];
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				(running) -> {
					terminated[0] = this.runningTasks.terminate("t-1");
					return new TaskOutcome.Succeeded(null);
				});
		assertThat(terminated[0]).isTrue();
		assertThat(outcome).isEqualTo(TERMINATED);
		assertThat(Thread.interrupted()).isFalse();
	}

	@Test
	void aTaskTerminatedWhileItRunsEndsRevokedWhateverItThrew() throws Exception {
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task),
				(running) -> {
					this.runningTasks.terminate("t-1");
					throw new InterruptedException();
				});
		assertThat(outcome).isEqualTo(TERMINATED);
	}

	@Test
	void aTaskNotTerminatedEndsAsItRanAndIsNoLongerRegistered() throws Exception {
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(), this.task), chain);
		assertThat(outcome).isSameAs(chain.outcome());
		assertThat(this.runningTasks.terminate("t-1")).isFalse();
	}

}
