package io.taskq.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Python {@code celery worker} of the interop app ({@code src/test/resources/celery/interop_worker.py}),
 * consuming one queue with one thread, started and ready, and stopped on {@link #close()}.
 */
final class CeleryWorker implements AutoCloseable {

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final Process process;

	private CeleryWorker(Process process) {
		this.process = process;
	}

	/**
	 * Start a worker and wait until it is ready.
	 * @param queue the queue it consumes
	 * @param name what it is for, part of its node name
	 * @return the worker
	 * @throws IOException if it cannot be started
	 */
	static CeleryWorker start(String queue, String name) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(CeleryInteropIntegrationTests.PYTHON, "-m", "celery", "-A",
				"interop_worker", "worker", "-Q", queue, "--pool=solo", "-n",
				name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@%h", "--without-mingle",
				"--without-gossip", "--without-heartbeat", "--loglevel=INFO")
			.directory(CeleryInteropIntegrationTests.helpers())
			.redirectErrorStream(true);
		builder.environment().put("PYTHONPATH", CeleryInteropIntegrationTests.helpers().getAbsolutePath());
		builder.environment().put("PYTHONUNBUFFERED", "1");
		CeleryWorker worker = new CeleryWorker(builder.start());
		Thread reader = new Thread(worker::readOutput, "celery-worker-output");
		reader.setDaemon(true);
		reader.start();
		await("celery worker ready").atMost(Duration.ofSeconds(60))
			.failFast("celery worker exited:\n" + worker.output(), () -> !worker.process.isAlive())
			.until(() -> worker.output.stream().anyMatch((line) -> line.contains(" ready.")));
		return worker;
	}

	private void readOutput() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines().forEach(this.output::add);
		}
		catch (IOException | UncheckedIOException ex) {
			this.output.add("(output closed: " + ex.getMessage() + ")");
		}
	}

	/**
	 * Whether the worker process is still running.
	 * @return whether alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * What the worker printed so far.
	 * @return its output
	 */
	String output() {
		return String.join("\n", this.output);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
