package io.taskq.worker.step;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.taskq.core.TimeLimitExceededException;
import io.taskq.worker.ManualTimer;
import io.taskq.worker.RecordingChain;
import io.taskq.worker.RegisteredTask;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;
import io.taskq.worker.TimeLimits;

import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TimeLimitInterceptorTests {

	private final ExecutorService tasks = Executors.newCachedThreadPool();

	private final ManualTimer timer = new ManualTimer();

	private final TimeLimitInterceptor interceptor = new TimeLimitInterceptor(this.tasks, this.timer);

	@AfterEach
	void shutDown() {
		this.tasks.shutdownNow();
	}

	@Test
	void aTaskWithoutLimitsRunsOnTheCallersThread() throws Exception {
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(),
				task(addEndpoint().build())), chain);
		assertThat(outcome).isSameAs(chain.outcome());
		assertThat(chain.thread()).isSameAs(Thread.currentThread());
	}

	@Test
	void aTaskWithLimitsRunsOnAThreadOfItsOwn() throws Exception {
		RecordingChain chain = RecordingChain.succeeding();
		TaskOutcome outcome = this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(Duration.ofMinutes(1), null))), chain);
		assertThat(outcome).isSameAs(chain.outcome());
		assertThat(chain.thread()).isNotNull().isNotSameAs(Thread.currentThread());
	}

	@Test
	void atItsSoftLimitATaskIsInterruptedAndItsContextFlagged() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(null, Duration.ofSeconds(5))));
		assertThat(this.interceptor.intercept(execution, this::softLimitPassing))
			.isEqualTo(new TaskOutcome.Succeeded(null));
	}

	@Test
	void theMessagesLimitsWinOverTheTasks() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).timeLimits(null, 5.0).build(),
				limited(new TimeLimits(null, Duration.ofHours(1))));
		assertThat(this.interceptor.intercept(execution, this::softLimitPassing))
			.isEqualTo(new TaskOutcome.Succeeded(null));
	}

	@Test
	void theSoftTimerIsCancelledOnceTheTaskEnds() throws Exception {
		this.interceptor.intercept(execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(null, Duration.ofSeconds(5)))), RecordingChain.succeeding());
		assertThat(this.timer.pending()).isZero();
	}

	@Test
	void atItsHardLimitATaskIsAbandonedAndFailsUntilItsThreadEnds() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(Duration.ofMillis(200), null)));
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
		TaskOutcome outcome = this.interceptor.intercept(execution, (running) -> {
			boolean wasInterrupted = false;
			while (release.getCount() > 0) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					wasInterrupted = true;
				}
			}
			interrupted.complete(wasInterrupted);
			return new TaskOutcome.Succeeded(null);
		});
		assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
				(failed) -> assertThat(failed.error()).isInstanceOf(TimeLimitExceededException.class)
					.hasMessage("0.2"));
		CompletionStage<Void> threadEnd = execution.attribute(TimeLimitInterceptor.ABANDONED_THREAD_END);
		assertThat(threadEnd).isNotNull();
		assertThat(threadEnd.toCompletableFuture()).isNotDone();
		release.countDown();
		assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
		await().until(() -> threadEnd.toCompletableFuture().isDone());
	}

	@Test
	void whatTheRestOfTheChainThrowsIsThrownOn() {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(Duration.ofMinutes(1), null)));
		IllegalStateException failure = new IllegalStateException("store down");
		assertThatThrownBy(() -> this.interceptor.intercept(execution, (running) -> {
			throw failure;
		})).isSameAs(failure);
		AssertionError error = new AssertionError("broken");
		assertThatThrownBy(() -> this.interceptor.intercept(execution, (running) -> {
			throw error;
		})).isSameAs(error);
	}

	@Test
	void aWorkerStoppingWhileItWaitsInterruptsTheTaskAndThrows() throws Exception {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(),
				limited(new TimeLimits(Duration.ofMinutes(1), null)));
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Boolean> taskInterrupted = new CompletableFuture<>();
		CompletableFuture<Throwable> thrown = new CompletableFuture<>();
		Thread consumer = new Thread(() -> {
			try {
				this.interceptor.intercept(execution, (running) -> {
					started.countDown();
					try {
						new CountDownLatch(1).await();
					}
					catch (InterruptedException ex) {
						taskInterrupted.complete(true);
					}
					return new TaskOutcome.Succeeded(null);
				});
				thrown.complete(null);
			}
			catch (Throwable ex) {
				thrown.complete(ex);
			}
		});
		consumer.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		consumer.interrupt();
		assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
		assertThat(taskInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
	}

	/**
	 * Run on the task's thread: lets its soft time limit pass, and checks that the thread was interrupted and the
	 * context flagged.
	 */
	private TaskOutcome softLimitPassing(TaskExecution execution) {
		await().until(() -> this.timer.pending() == 1);
		assertThat(execution.context().isSoftTimeLimitExceeded()).isFalse();
		this.timer.advance(Duration.ofSeconds(5));
		assertThat(Thread.interrupted()).isTrue();
		assertThat(execution.context().isSoftTimeLimitExceeded()).isTrue();
		return new TaskOutcome.Succeeded(null);
	}

	private static RegisteredTask limited(TimeLimits limits) {
		return task(addEndpoint().timeLimits(limits).build());
	}

}
