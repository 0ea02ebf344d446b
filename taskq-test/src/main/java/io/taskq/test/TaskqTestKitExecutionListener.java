package io.taskq.test;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the {@link TaskqTestKit} of a test's application context after each test method, so that no recorded
 * task, result or mode leaks into the next test. Registered through {@code META-INF/spring.factories}; does
 * nothing for contexts without a kit.
 */
public class TaskqTestKitExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext().getBeanProvider(TaskqTestKit.class).ifAvailable(TaskqTestKit::reset);
		}
	}

}
