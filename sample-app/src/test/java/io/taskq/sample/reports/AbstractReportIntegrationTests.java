package io.taskq.sample.reports;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;

import io.taskq.core.TaskOperations;
import io.taskq.sample.SampleIntegrationTest;

/**
 * The sample application as the integration tests of the report tasks use it: the task sender and the report
 * store, and how long a test waits for a task's result.
 */
@SampleIntegrationTest
abstract class AbstractReportIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	TaskOperations tasks;

	@Autowired
	ReportStore store;

}
