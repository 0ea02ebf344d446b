package io.taskq.core.send;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.broker.fake.RecordingTaskBroker;
import io.taskq.core.OutgoingTask;
import io.taskq.protocol.TaskMessageCodec;
import io.taskq.protocol.WireMessage;
import io.taskq.store.fake.InMemoryTaskSchedule;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerTaskDispatcherTests {

	private final RecordingTaskBroker broker = new RecordingTaskBroker();

	private final InMemoryTaskSchedule schedule = new InMemoryTaskSchedule();

	private final TaskMessageCodec codec = new TaskMessageCodec(JsonMapper.builder().build(),
			Clock.fixed(OutgoingTasks.NOW, ZoneOffset.UTC));

	private final BrokerTaskDispatcher dispatcher = new BrokerTaskDispatcher(this.broker, this.schedule, this.codec);

	@Test
	void publishesATaskWithNoEtaToItsQueue() {
		OutgoingTask task = routed("images");
		this.dispatcher.dispatch(task);
		assertThat(this.broker.published()).singleElement().satisfies((published) -> {
			assertThat(published.taskId()).isEqualTo("task-1");
			assertThat(published.queue()).isEqualTo("images");
			assertEncoded(published.message(), task);
		});
		assertThat(this.schedule.entries()).isEmpty();
	}

	@Test
	void publishesATaskWhoseEtaIsNoLaterThanTheSend() {
		OutgoingTask task = routed("images");
		task.messageBuilder().eta(OutgoingTasks.NOW);
		this.dispatcher.dispatch(task);
		assertThat(this.broker.published()).hasSize(1);
		assertThat(this.schedule.entries()).isEmpty();
	}

	@Test
	void putsATaskWhoseEtaIsToComeOnTheSchedule() {
		OutgoingTask task = routed("images");
		task.messageBuilder().eta(OutgoingTasks.NOW.plusMillis(1));
		this.dispatcher.dispatch(task);
		assertThat(this.schedule.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.queue()).isEqualTo("images");
			assertThat(entry.due()).isEqualTo(OutgoingTasks.NOW.plusMillis(1));
			assertThat(entry.taskId()).isEqualTo("task-1");
			assertEncoded(entry.message(), task);
		});
		assertThat(this.broker.published()).isEmpty();
	}

	@Test
	void aCountdownIsDueAfterTheSend() {
		OutgoingTask task = routed("images");
		task.messageBuilder().eta(OutgoingTasks.NOW.plus(Duration.ofMinutes(5)));
		this.dispatcher.dispatch(task);
		assertThat(this.schedule.entries()).singleElement()
			.extracting(InMemoryTaskSchedule.Entry::due)
			.isEqualTo(OutgoingTasks.NOW.plus(Duration.ofMinutes(5)));
	}

	private void assertEncoded(WireMessage actual, OutgoingTask task) {
		WireMessage expected = this.codec.encode(task.message());
		assertThat(actual.body()).isEqualTo(expected.body());
		assertThat(actual.headers()).containsExactlyEntriesOf(expected.headers());
	}

	private static OutgoingTask routed(String queue) {
		OutgoingTask task = OutgoingTasks.of("images.resize");
		task.setQueue(queue);
		return task;
	}

}
