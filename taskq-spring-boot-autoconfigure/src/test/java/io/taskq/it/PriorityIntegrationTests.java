package io.taskq.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.taskq.annotation.TaskHandler;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskOperations;
import io.taskq.core.TaskRequest;
import io.taskq.worker.TaskWorker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Celery's priorities end to end: a queue declared with {@code x-max-priority} hands higher priorities to the
 * worker first; default priorities come from {@code taskq.tasks.<name>.priority} and {@code @TaskHandler}, and a
 * send option overrides both.
 */
class PriorityIntegrationTests {

	static final String QUEUE = TestQueues.unique("priority");

	/** A queue nobody consumes, to read the messages as sent. */
	static final String WIRE = TestQueues.unique("priority-wire");

	static final List<String> ORDER = Collections.synchronizedList(new ArrayList<>());

	static ConfigurableApplicationContext producer;

	@BeforeAll
	static void startProducer() {
		producer = start("taskq.worker.enabled=false", "taskq.tasks[prio.configured].priority=9");
	}

	@AfterAll
	static void cleanUp() {
		AmqpAdmin admin = producer.getBean(AmqpAdmin.class);
		for (String queue : List.of(QUEUE, WIRE)) {
			admin.deleteQueue(queue);
			admin.deleteExchange(queue);
		}
		producer.close();
	}

	@BeforeEach
	void purge() {
		ORDER.clear();
		AmqpAdmin admin = producer.getBean(AmqpAdmin.class);
		if (admin.getQueueInfo(WIRE) != null) {
			admin.purgeQueue(WIRE, false);
		}
	}

	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("taskq.default-queue=" + QUEUE, "taskq.queues[" + QUEUE + "].max-priority=10",
					"taskq.worker.concurrency=1", "taskq.worker.prefetch=1")
			.properties(properties)
			.run();
	}

	@Test
	void highPriorityTasksQueuedAfterLowOnesRunFirst() {
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		List<TaskHandle> handles = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			handles.add(tasks.send(TaskRequest.builder("prio.record").args("low").priority(1).build()));
		}
		for (int i = 0; i < 10; i++) {
			handles.add(tasks.send(TaskRequest.builder("prio.record").args("high").priority(9).build()));
		}
		try (ConfigurableApplicationContext worker = start("taskq.node-name=prio-worker")) {
			for (TaskHandle handle : handles) {
				assertThat(handle.get(Duration.ofSeconds(20))).isEqualTo("done");
			}
			worker.getBean(TaskWorker.class).stop();
		}
		System.out.println("Execution order with a worker of concurrency 1, prefetch 1: " + ORDER);
		assertThat(ORDER).hasSize(20);
		// The first one or two may be fetched before the broker orders the rest.
		assertThat(ORDER.subList(0, 12)).filteredOn("high"::equals).hasSize(10);
		assertThat(ORDER.subList(12, 20)).containsOnly("low");
	}

	@Test
	void configuredDefaultPriorityIsSentAndASendOptionWins() {
		TaskOperations tasks = producer.getBean(TaskOperations.class);
		tasks.send(TaskRequest.builder("prio.configured").queue(WIRE).build());
		tasks.send(TaskRequest.builder("prio.configured").queue(WIRE).priority(2).build());
		tasks.send(TaskRequest.builder("prio.unset").queue(WIRE).build());
		assertThat(receivedPriorities(producer, 3)).containsExactly(9, 2, 0);
	}

	@Test
	void handlerPriorityIsTheDefaultUnlessConfigured() {
		try (ConfigurableApplicationContext worker = start("taskq.node-name=prio-annotated",
				"taskq.tasks[prio.overridden].priority=3")) {
			TaskOperations tasks = worker.getBean(TaskOperations.class);
			tasks.send(TaskRequest.builder("prio.annotated").queue(WIRE).build());
			tasks.send(TaskRequest.builder("prio.overridden").queue(WIRE).build());
			tasks.send(TaskRequest.builder("prio.annotated").queue(WIRE).priority(1).build());
			assertThat(receivedPriorities(worker, 3)).containsExactly(7, 3, 1);
		}
	}

	private static List<Integer> receivedPriorities(ConfigurableApplicationContext context, int count) {
		RabbitTemplate rabbitTemplate = context.getBean(RabbitTemplate.class);
		List<Integer> priorities = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message message = rabbitTemplate.receive(WIRE, 5000);
			assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
			priorities.add(message.getMessageProperties().getPriority());
		}
		return priorities;
	}

	static class Handlers {

		@TaskHandler("prio.record")
		String record(String label) {
			ORDER.add(label);
			return "done";
		}

		@TaskHandler(value = "prio.annotated", priority = 7)
		void annotated() {
		}

		@TaskHandler(value = "prio.overridden", priority = 8)
		void overridden() {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Config {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
