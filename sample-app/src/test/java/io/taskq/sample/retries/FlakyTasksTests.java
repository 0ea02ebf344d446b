package io.taskq.sample.retries;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FlakyTasks}.
 */
class FlakyTasksTests {

	private final FlakyTasks tasks = new FlakyTasks();

	@Test
	void firstAttemptsFailThenOneSucceeds() {
		assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> this.tasks.flaky(2, attempt(1)))
			.withMessage("attempt 1 of 3 failed");
		assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> this.tasks.flaky(2, attempt(2)))
			.withMessage("attempt 2 of 3 failed");
		assertThat(this.tasks.flaky(2, attempt(3))).isEqualTo(3);
	}

	@Test
	void noFailuresSucceedsAtOnce() {
		assertThat(this.tasks.flaky(0, attempt(1))).isEqualTo(1);
	}

	@Test
	void anAttemptAfterThePlannedFailuresSucceedsToo() {
		// A redelivered or duplicated message may run once more: it must not fail again.
		assertThat(this.tasks.flaky(1, attempt(4))).isEqualTo(4);
	}

	@Test
	void negativeFailuresFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tasks.flaky(-1, attempt(1)))
			.withMessage("failures must not be negative, was -1");
	}

	@Test
	void failuresRetryWithBackoff() {
		TaskHandler handler = AnnotatedElementUtils.findMergedAnnotation(
				ReflectionUtils.findMethod(FlakyTasks.class, "flaky", int.class, TaskContext.class), TaskHandler.class);
		assertThat(handler).isNotNull();
		assertThat(handler.name()).isEqualTo("tasks.flaky");
		assertThat(handler.autoRetryFor()).containsExactly(ServiceUnavailableException.class);
		assertThat(handler.retryBackoff()).isEqualTo("1s");
		assertThat(handler.maxRetries()).isEqualTo(5);
	}

	private static TaskContext attempt(int attempt) {
		return new TaskContext("id", "tasks.flaky", attempt - 1, "id", null, null, "celery", Map.of());
	}

}
