package io.taskq.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taskq.worker.ExclusivePolicy;
import io.taskq.worker.OnConflict;
import io.taskq.worker.RetryPolicy;
import io.taskq.worker.TaskEndpoint;
import io.taskq.worker.TestExecutions;
import io.taskq.worker.TimeLimits;

import static org.assertj.core.api.Assertions.assertThat;

class TaskPropertiesEndpointCustomizerTests {

	private static final ExclusivePolicy DECLARED_EXCLUSIVE = ExclusivePolicy.of("reports.render", "#reportId",
			OnConflict.RETRY, Duration.ofSeconds(60), Duration.ofSeconds(1));

	private final TaskqProperties.Task task = new TaskqProperties.Task();

	private final TaskPropertiesEndpointCustomizer customizer = new TaskPropertiesEndpointCustomizer(
			Map.of("reports.render", this.task));

	@Test
	void endpointOfATaskWithoutSettingsIsKept() {
		TaskEndpoint declared = TestExecutions.endpoint("other.task", new Handler(), "render");
		assertThat(this.customizer.customize(declared)).isSameAs(declared);
	}

	@Test
	void settingsOverrideTheHandlersOwnWhereSet() {
		this.task.setAutoRetryFor(List.of(IllegalStateException.class));
		this.task.setRetryBackoff(Duration.ofSeconds(2));
		this.task.setSoftTimeLimit(Duration.ofSeconds(30));
		this.task.setAcksLate(false);
		this.task.setResultExpires(Duration.ofHours(2));
		TaskEndpoint customized = this.customizer.customize(declared());
		RetryPolicy retry = customized.retryPolicy();
		assertThat(retry.retryOn()).containsExactly(IllegalStateException.class);
		assertThat(retry.backoff()).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.maxRetries()).isEqualTo(RetryPolicy.DEFAULT.maxRetries());
		assertThat(retry.delay()).isEqualTo(RetryPolicy.DEFAULT.delay());
		assertThat(customized.timeLimits()).isEqualTo(new TimeLimits(Duration.ofMinutes(5), Duration.ofSeconds(30)));
		assertThat(customized.acksLate()).isFalse();
		assertThat(customized.resultExpires()).isEqualTo(Duration.ofHours(2));
		assertThat(customized.exclusive()).isSameAs(DECLARED_EXCLUSIVE);
		assertThat(customized.method()).isEqualTo(declared().method());
	}

	@Test
	void exclusiveSettingsOverrideTheHandlersPolicy() {
		this.task.setExclusiveKey("#format");
		this.task.setOnConflict(OnConflict.SKIP);
		this.task.setExclusiveLease(Duration.ofSeconds(5));
		this.task.setConflictRetryDelay(Duration.ofMillis(250));
		ExclusivePolicy effective = this.customizer.customize(declared()).exclusive();
		assertThat(effective.key()).isEqualTo("#format");
		assertThat(effective.onConflict()).isEqualTo(OnConflict.SKIP);
		assertThat(effective.lease()).isEqualTo(Duration.ofSeconds(5));
		assertThat(effective.retryDelay()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void anEmptyExclusiveKeyTurnsExclusionOff() {
		this.task.setExclusiveKey("");
		ExclusivePolicy effective = this.customizer.customize(declared()).exclusive();
		assertThat(effective.isExclusive()).isFalse();
		assertThat(effective.onConflict()).isEqualTo(OnConflict.RETRY);
	}

	private static TaskEndpoint declared() {
		TaskEndpoint plain = TestExecutions.endpoint("reports.render", new Handler(), "render");
		return new TaskEndpoint(plain.name(), plain.queue(), plain.beanName(), plain.bean(), plain.method(), true,
				RetryPolicy.DEFAULT, new TimeLimits(Duration.ofMinutes(5), null), true, null, DECLARED_EXCLUSIVE,
				null);
	}

	static class Handler {

		void render(long reportId) {
		}

	}

}
