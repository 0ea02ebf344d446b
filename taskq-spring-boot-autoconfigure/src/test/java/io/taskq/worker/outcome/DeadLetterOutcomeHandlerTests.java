package io.taskq.worker.outcome;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.taskq.broker.fake.RecordingTaskBroker;
import io.taskq.protocol.CeleryTime;
import io.taskq.protocol.WireMessage;
import io.taskq.worker.FakeDelivery;
import io.taskq.worker.TaskExecution;
import io.taskq.worker.TaskOutcome;

import static io.taskq.worker.TestExecutions.NOW;
import static io.taskq.worker.TestExecutions.addEndpoint;
import static io.taskq.worker.TestExecutions.addMessage;
import static io.taskq.worker.TestExecutions.execution;
import static io.taskq.worker.TestExecutions.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DeadLetterOutcomeHandlerTests {

	private final RecordingTaskBroker broker = new RecordingTaskBroker();

	private final DeadLetterOutcomeHandler handler = new DeadLetterOutcomeHandler(this.broker, "taskq.dead-letter",
			Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));

	@Test
	void aRejectedMessageGoesUnchangedToTheDeadLetterQueueWithHeadersThatSayWhy() {
		WireMessage original = new WireMessage("{not json".getBytes(), Map.of("id", "t-1", "task", "tasks.add"),
				"application/json", "utf-8", 5, "t-1", "reply-here", "60000");
		TaskExecution execution = TaskExecution.unrunnable(new FakeDelivery(original, "celery", false), NOW, "t-1",
				"tasks.add");
		this.handler.apply(execution,
				new TaskOutcome.Rejected("malformed-body", new IllegalArgumentException("bad body"), null));
		assertThat(this.broker.declared()).containsExactly("taskq.dead-letter");
		assertThat(this.broker.published()).singleElement().satisfies((published) -> {
			assertThat(published.taskId()).isEqualTo("t-1");
			assertThat(published.queue()).isEqualTo("taskq.dead-letter");
			WireMessage deadLetter = published.message();
			assertThat(deadLetter.body()).isSameAs(original.body());
			assertThat(deadLetter.headers()).containsAllEntriesOf(original.headers())
				.containsEntry(DeadLetterOutcomeHandler.REASON_HEADER, "malformed-body")
				.containsEntry(DeadLetterOutcomeHandler.EXCEPTION_HEADER, "java.lang.IllegalArgumentException")
				.containsEntry(DeadLetterOutcomeHandler.EXCEPTION_MESSAGE_HEADER, "bad body")
				.containsEntry(DeadLetterOutcomeHandler.ORIGINAL_QUEUE_HEADER, "celery")
				.containsEntry(DeadLetterOutcomeHandler.DEAD_LETTERED_AT_HEADER,
						CeleryTime.format(NOW.plusSeconds(1)));
			assertThat(deadLetter.contentType()).isEqualTo("application/json");
			assertThat(deadLetter.contentEncoding()).isEqualTo("utf-8");
			assertThat(deadLetter.priority()).isEqualTo(5);
			assertThat(deadLetter.correlationId()).isEqualTo("t-1");
			assertThat(deadLetter.replyTo()).isEqualTo("reply-here");
			assertThat(deadLetter.expiration()).as("kept until handled").isNull();
		});
	}

	@Test
	void aMessageWithoutTaskIdOrQueueIsDeadLetteredAsUnknown() {
		WireMessage original = new WireMessage(new byte[0], Map.of(), null, null, null, null, null, null);
		this.handler.apply(TaskExecution.unrunnable(new FakeDelivery(original, null, false), NOW, null, null),
				new TaskOutcome.Rejected("not-protocol-v2", new IllegalArgumentException(), null));
		assertThat(this.broker.published()).singleElement().satisfies((published) -> {
			assertThat(published.taskId()).isEqualTo("(unknown id)");
			assertThat(published.message().headers())
				.containsEntry(DeadLetterOutcomeHandler.ORIGINAL_QUEUE_HEADER, "")
				.containsEntry(DeadLetterOutcomeHandler.EXCEPTION_MESSAGE_HEADER, "null");
		});
	}

	@Test
	void otherOutcomesAreNotDeadLettered() {
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));
		List<TaskOutcome> outcomes = List.of(new TaskOutcome.Succeeded(null),
				new TaskOutcome.Failed(new IOException("no")),
				new TaskOutcome.Revoked(TaskOutcome.Revoked.Kind.REVOKED, "revoked"),
				new TaskOutcome.Deferred(execution.wireMessage(), NOW, "its ETA"),
				new TaskOutcome.Dropped("finished elsewhere"));
		outcomes.forEach((outcome) -> this.handler.apply(execution, outcome));
		assertThat(this.broker.published()).isEmpty();
	}

	@Test
	void aMessageTheBrokerDoesNotTakeStaysQueued() {
		IllegalStateException refused = new IllegalStateException("not confirmed");
		this.broker.failPublishesWith(refused);
		TaskExecution execution = execution(addMessage("t-1", 2, 3).build(), task(addEndpoint().build()));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.handler.apply(execution,
					new TaskOutcome.Rejected("invalid-arguments", new IllegalArgumentException("no"), null)))
			.withMessage("Could not dead-letter message tasks.add[t-1]; it stays queued")
			.withCause(refused);
	}

}
