package io.taskq.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.taskq.store.redis.RedisRevocationStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class RunningTasksTests {

	private final RunningTasks runningTasks = new RunningTasks();

	@Test
	void terminateInterruptsTheRunningTaskAndClearsTheInterrupt() {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interruptedAfter = new AtomicBoolean(true);
		CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
			try {
				this.runningTasks.run("t1", () -> {
					started.countDown();
					return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
				});
			}
			catch (Exception ex) {
				interruptedAfter.set(Thread.currentThread().isInterrupted());
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> started.getCount() == 0);

		assertThat(this.runningTasks.terminate("t1")).isTrue();

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> task.get(10, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(ex.getCause().getCause()).isInstanceOf(TaskTerminatedException.class)
				.hasCauseInstanceOf(InterruptedException.class));
		assertThat(interruptedAfter).isFalse();
	}

	@Test
	void taskThatIgnoresTheInterruptIsStillTerminated() {
		CompletableFuture<String> task = CompletableFuture.supplyAsync(() -> {
			try {
				return this.runningTasks.run("t2", () -> {
					while (!Thread.currentThread().isInterrupted()) {
						Thread.onSpinWait();
					}
					return "done";
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runningTasks.terminate("t2"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> task.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalStateException.class)
			.withRootCauseInstanceOf(TaskTerminatedException.class);
	}

	@Test
	void terminationJustBeforeTheStartInterruptsTheTaskAtOnce() {
		assertThat(this.runningTasks.terminate("t3")).isFalse();
		assertThatExceptionOfType(TaskTerminatedException.class)
			.isThrownBy(() -> this.runningTasks.run("t3", () -> Thread.currentThread().isInterrupted()));
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void finishedTaskIsNotInterrupted() throws Exception {
		assertThat(this.runningTasks.run("t4", () -> "ok")).isEqualTo("ok");
		this.runningTasks.run("t5", () -> "ok");
		assertThat(this.runningTasks.terminate("t4")).isFalse();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.runningTasks.run("t6", () -> {
				throw new IllegalStateException("boom");
			}));
	}

	@Test
	void revocationsRoundTripOnTheChannel() {
		RedisRevocationStore.Revocation revocation = new RedisRevocationStore.Revocation("id-1", true);
		assertThat(RedisRevocationStore.Revocation.decode(revocation.encode())).isEqualTo(revocation);
		assertThat(RedisRevocationStore.Revocation.decode("revoke id-2").terminate()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> RedisRevocationStore.Revocation.decode("kill id-3"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisRevocationStore.Revocation.decode("revoke "));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisRevocationStore.Revocation.decode("revoke"));
	}

}
