package io.taskq.result;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracebacks of Java exceptions: the task's own frames, causes and suppressed exceptions, without the worker's
 * frames below the handler call.
 */
class TaskErrorsTests {

	private static final StackTraceElement[] WORKER_FRAMES = {
			frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke"),
			frame("java.lang.reflect.Method", "invoke"),
			frame("io.taskq.worker.TaskMethodInvoker", "invoke"),
			frame("io.taskq.worker.TaskMessageListener", "run"),
			frame("org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer", "doReceiveAndExecute"),
			frame("java.lang.Thread", "run") };

	@Test
	void traceEndsWhereTheWorkerCalledTheHandler() {
		IllegalStateException failure = new IllegalStateException("boom");
		failure.setStackTrace(trace(frame("com.example.Reports", "render"), frame("com.example.Reports", "generate")));

		assertThat(TaskErrors.traceback(failure)).isEqualTo("""
				java.lang.IllegalStateException: boom
				\tat com.example.Reports.render(Reports.java:1)
				\tat com.example.Reports.generate(Reports.java:1)
				\t... 6 more
				""");
	}

	@Test
	void causesAndSuppressedKeepTheirOwnFramesOnly() {
		IllegalStateException cause = new IllegalStateException("disk full");
		cause.setStackTrace(trace(frame("com.example.Files", "write"), frame("com.example.Reports", "render")));
		RuntimeException failure = new RuntimeException("could not render", cause);
		failure.setStackTrace(trace(frame("com.example.Reports", "render")));
		IllegalArgumentException suppressed = new IllegalArgumentException("cleanup failed");
		suppressed.setStackTrace(trace(frame("com.example.Files", "delete"), frame("com.example.Reports", "render")));
		failure.addSuppressed(suppressed);

		assertThat(TaskErrors.traceback(failure)).isEqualTo("""
				java.lang.RuntimeException: could not render
				\tat com.example.Reports.render(Reports.java:1)
				\t... 6 more
				\tSuppressed: java.lang.IllegalArgumentException: cleanup failed
				\t\tat com.example.Files.delete(Files.java:1)
				\t\t... 7 more
				Caused by: java.lang.IllegalStateException: disk full
				\tat com.example.Files.write(Files.java:1)
				\t... 7 more
				""");
	}

	@Test
	void traceStartingInTheWorkerIsKeptWhole() {
		IllegalArgumentException failure = new IllegalArgumentException("expected 2 arguments, got 3");
		StackTraceElement[] workerOnly = new StackTraceElement[WORKER_FRAMES.length - 2];
		System.arraycopy(WORKER_FRAMES, 2, workerOnly, 0, workerOnly.length);
		failure.setStackTrace(workerOnly);

		assertThat(TaskErrors.traceback(failure)).startsWith("java.lang.IllegalArgumentException: expected 2")
			.contains("\tat io.taskq.worker.TaskMethodInvoker.invoke(")
			.contains("\tat java.lang.Thread.run(")
			.doesNotContain("more");
	}

	@Test
	void circularCausesEndTheTrace() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		first.setStackTrace(trace());
		second.setStackTrace(trace());

		assertThat(TaskErrors.traceback(first)).contains("Caused by: java.lang.IllegalStateException: second")
			.contains("[CIRCULAR REFERENCE: java.lang.IllegalStateException: first]");
	}

	private static StackTraceElement[] trace(StackTraceElement... taskFrames) {
		StackTraceElement[] trace = new StackTraceElement[taskFrames.length + WORKER_FRAMES.length];
		System.arraycopy(taskFrames, 0, trace, 0, taskFrames.length);
		System.arraycopy(WORKER_FRAMES, 0, trace, taskFrames.length, WORKER_FRAMES.length);
		return trace;
	}

	private static StackTraceElement frame(String type, String method) {
		return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", 1);
	}

}
