package io.taskq.sample.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import io.taskq.core.TaskOperations;
import io.taskq.sample.SampleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads: the taskq health component per queue, and taskq's meters.
 */
@SampleIntegrationTest
class ActuatorIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TaskOperations tasks;

	@Autowired
	Environment environment;

	@Test
	void healthShowsEachQueuesConsumersAndMetricsCountTasks() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		assertThat(this.tasks.send("tasks.add", 2, 3).get(Duration.ofSeconds(20))).isEqualTo(5);

		JsonNode health = client.get().uri("/actuator/health").retrieve().body(JsonNode.class);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode queue = health.path("components").path("taskq").path("details").path("queues")
			.path(this.environment.getRequiredProperty("taskq.default-queue"));
		assertThat(queue.path("running").asBoolean()).isTrue();
		assertThat(queue.path("consumers").asInt()).isPositive();
		assertThat(health.path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");

		JsonNode sent = client.get().uri("/actuator/metrics/taskq.tasks.sent?tag=task:tasks.add").retrieve()
			.body(JsonNode.class);
		assertThat(sent.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
		JsonNode executions = client.get()
			.uri("/actuator/metrics/taskq.task.execution?tag=task:tasks.add&tag=outcome:success")
			.retrieve()
			.body(JsonNode.class);
		assertThat(executions.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
		assertThat(client.get().uri("/actuator/metrics/taskq.tasks.running").retrieve().body(JsonNode.class)
			.path("measurements").get(0).path("value").asDouble()).isZero();
	}

}
