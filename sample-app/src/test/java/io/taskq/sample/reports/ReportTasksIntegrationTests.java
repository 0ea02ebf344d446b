package io.taskq.sample.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.taskq.core.TaskFailedException;
import io.taskq.core.TaskHandle;
import io.taskq.result.TaskResult;
import io.taskq.sample.IsolatedResources;
import io.taskq.sample.SampleApplication;
import io.taskq.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code reports.generate_pdf} end to end: real PDFs, parallel runs on two instances, the per-report lock, and
 * failures.
 */
class ReportTasksIntegrationTests extends AbstractReportIntegrationTests {

	@Autowired
	ReportGenerator generator;

	@Autowired
	SampleProperties properties;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Environment environment;

	@Test
	void writesAPdfOfTheCurrentRevisionOnce() throws IOException {
		assertThat(this.store.save("sales", "Sales (Q1)", List.of("north 10", "south\\east 20"))).isEqualTo(1);
		ReportFile file = this.tasks.send("reports.generate_pdf", "sales").get(TIMEOUT, ReportFile.class);
		assertThat(file).isEqualTo(new ReportFile("sales", 1, this.generator.fileOf("sales").toString(), true));
		String pdf = Files.readString(Path.of(file.path()), StandardCharsets.ISO_8859_1);
		assertThat(pdf).startsWith("%PDF-1.4\n%sample-report-revision: 1\n")
			.contains("(Sales \\(Q1\\)) Tj", "(Report sales, revision 1) Tj", "(north 10) Tj", "(south\\\\east 20) Tj")
			.endsWith("%%EOF\n");
		ReportFile again = this.tasks.send("reports.generate_pdf", "sales").get(TIMEOUT, ReportFile.class);
		assertThat(again.written()).isFalse();
		assertThat(again.revision()).isEqualTo(1);
	}

	@Test
	void concurrentRunsOnTwoInstancesLeaveTheLatestRevisionAndNeverGoBack() {
		try (ConfigurableApplicationContext other = startSecondInstance()) {
			Path file = this.generator.fileOf("busy");
			List<TaskHandle> handles = new ArrayList<>();
			long revision = 0;
			List<Long> seen = new CopyOnWriteArrayList<>();
			for (int round = 0; round < 10; round++) {
				revision = this.store.save("busy", "Busy report", List.of("round " + round));
				List<TaskHandle> runs = new ArrayList<>();
				for (int run = 0; run < 4; run++) {
					runs.add(this.tasks.send("reports.generate_pdf", "busy"));
				}
				handles.addAll(runs);
				// the next revision is saved while runs of this one are still going
				await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(2)).until(() -> {
					seen.add(ReportPdf.revisionOf(file));
					return runs.stream().anyMatch(TaskHandle::isReady);
				});
			}
			await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(2)).until(() -> {
				seen.add(ReportPdf.revisionOf(file));
				return handles.stream().allMatch(TaskHandle::isReady);
			});
			Set<String> workers = new HashSet<>();
			for (TaskHandle handle : handles) {
				ReportFile result = handle.get(TIMEOUT, ReportFile.class);
				assertThat(result.revision()).isBetween(1L, revision);
				TaskResult stored = handle.result();
				workers.add(stored.extended().worker());
			}
			assertThat(ReportPdf.revisionOf(file)).isEqualTo(revision);
			assertThat(seen).isSorted();
			assertThat(workers).as("both instances ran reports").hasSize(2);
		}
	}

	@Test
	void waitsForTheLockAndRendersTheDataAsItIsWhenItGetsIt() {
		this.store.save("locked", "Locked report", List.of("first"));
		RedisLock.Lease lease = new RedisLock(this.redis)
			.tryAcquire(this.properties.getRedisPrefix() + "lock:report:locked", Duration.ofSeconds(30));
		assertThat(lease).isNotNull();
		TaskHandle handle;
		try {
			handle = this.tasks.send("reports.generate_pdf", "locked");
			await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> !handle.isReady());
			assertThat(this.store.save("locked", "Locked report", List.of("second"))).isEqualTo(2);
		}
		finally {
			assertThat(lease.release()).isTrue();
		}
		ReportFile result = handle.get(TIMEOUT, ReportFile.class);
		assertThat(result.revision()).isEqualTo(2);
		assertThat(result.written()).isTrue();
	}

	@Test
	void neverReplacesANewerFileWithAnOlderReport() throws IOException {
		this.store.save("newer", "Old data", List.of("old"));
		Path file = this.generator.fileOf("newer");
		Files.createDirectories(file.getParent());
		byte[] newer = ReportPdf.render(new Report("newer", "Newer data", List.of("new"), 5));
		Files.write(file, newer);
		ReportFile result = this.tasks.send("reports.generate_pdf", "newer").get(TIMEOUT, ReportFile.class);
		assertThat(result.written()).isFalse();
		assertThat(result.revision()).isEqualTo(5);
		assertThat(Files.readAllBytes(file)).isEqualTo(newer);
	}

	@Test
	void unknownReportFailsWithAClearMessage() {
		TaskHandle handle = this.tasks.send("reports.generate_pdf", "42");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getRemoteType()).isEqualTo("ReportNotFoundException");
				assertThat(ex.getRemoteModule()).isEqualTo("io.taskq.sample.reports");
				assertThat(ex.getRemoteMessage()).isEqualTo("report 42 does not exist");
				assertThat(ex.getRemoteTraceback()).contains("ReportNotFoundException: report 42 does not exist");
			});
		assertThat(this.generator.fileOf("42")).doesNotExist();
	}

	@Test
	void reportIdThatIsNotAFileNameFails() {
		TaskHandle handle = this.tasks.send("reports.generate_pdf", "../escape");
		assertThatExceptionOfType(TaskFailedException.class).isThrownBy(() -> handle.get(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getRemoteMessage())
				.isEqualTo("Invalid report id '../escape': use 1 to 64 letters, digits, '_' or '-'"));
	}

	private ConfigurableApplicationContext startSecondInstance() {
		List<String> args = new ArrayList<>();
		for (String property : IsolatedResources.sharedProperties(this.environment)) {
			args.add("--" + property);
		}
		args.addAll(List.of("--server.port=0", "--sample.forum.seed=false", "--taskq.node-name=second-instance",
				"--taskq.worker.concurrency=4", "--taskq.worker.prefetch=1", "--spring.jmx.enabled=false"));
		return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
	}

}
