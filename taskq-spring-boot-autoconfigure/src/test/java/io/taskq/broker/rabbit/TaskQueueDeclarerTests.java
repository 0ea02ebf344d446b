package io.taskq.broker.rabbit;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class TaskQueueDeclarerTests {

	@Test
	void eachQueueIsDeclaredWithItsOwnArguments() {
		AmqpAdmin admin = mock(AmqpAdmin.class);
		Map<String, Map<String, Object>> arguments = Map.of("urgent", Map.of("x-max-priority", 10));
		TaskQueueDeclarer declarer = new TaskQueueDeclarer(admin,
				(queue) -> arguments.getOrDefault(queue, Map.of()));
		declarer.declare("urgent");
		declarer.declare("celery");
		ArgumentCaptor<Queue> queues = ArgumentCaptor.forClass(Queue.class);
		verify(admin, times(2)).declareQueue(queues.capture());
		assertThat(queues.getAllValues().get(0).getName()).isEqualTo("urgent");
		assertThat(queues.getAllValues().get(0).getArguments()).containsExactly(Map.entry("x-max-priority", 10));
		assertThat(queues.getAllValues().get(1).getName()).isEqualTo("celery");
		assertThat(queues.getAllValues().get(1).getArguments()).isEmpty();
	}

}
