package io.taskq.core.send;

import org.junit.jupiter.api.Test;

import io.taskq.core.OutgoingTask;
import io.taskq.core.TaskRequest;
import io.taskq.core.TaskTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SentAtInterceptorTests {

	@Test
	void addsTheSendTimeAfterTheHeadersOfTheRequest() {
		OutgoingTask task = OutgoingTasks.of(TaskRequest.builder("orders.ship").header("tenant", "acme").build());
		task.messageBuilder().headers(task.request().headers());
		new SentAtInterceptor().intercept(task, (sent) -> sent.handle(sent.taskId()));
		assertThat(task.message().extraHeaders()).containsExactly(entry("tenant", "acme"),
				entry(TaskTemplate.SENT_AT_HEADER, OutgoingTasks.NOW.toEpochMilli()));
	}

}
