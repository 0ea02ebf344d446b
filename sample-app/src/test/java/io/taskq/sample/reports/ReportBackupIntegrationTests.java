package io.taskq.sample.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import io.taskq.beat.BeatScheduler;
import io.taskq.core.TaskHandle;
import io.taskq.core.TaskRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reports.backup} end to end: one dated file holding every report, the same however often and however
 * concurrently it runs for a date, dated by the tick of the schedule that sent it.
 */
class ReportBackupIntegrationTests extends AbstractReportIntegrationTests {

	@Autowired
	ReportBackup backup;

	@Test
	void writesEveryReportToTheFileOfTheDateOnceHoweverOftenItRuns() throws IOException {
		this.store.save("b-one", "One", List.of("1"));
		this.store.save("b-two", "Two", List.of("2", "two"));
		this.store.save("b-two", "Two", List.of("2", "two", "zwei"));

		ReportBackup.BackupFile first = this.tasks.send("reports.backup", "2026-05-01")
			.get(TIMEOUT, ReportBackup.BackupFile.class);

		Path file = this.backup.fileOf(LocalDate.of(2026, 5, 1));
		assertThat(first.path()).isEqualTo(file.toString());
		assertThat(first.date()).isEqualTo("2026-05-01");
		assertThat(first.written()).isTrue();
		byte[] content = Files.readAllBytes(file);
		JsonNode json = JsonMapper.builder().build().readTree(content);
		assertThat(json.get("date").asString()).isEqualTo("2026-05-01");
		JsonNode two = json.get("reports")
			.valueStream()
			.filter((report) -> report.get("id").asString().equals("b-two"))
			.findFirst()
			.orElseThrow();
		assertThat(two.get("rows").toString()).isEqualTo("[\"2\",\"two\",\"zwei\"]");
		assertThat(two.get("revision").asLong()).isEqualTo(2);
		assertThat(first.reports()).isEqualTo(json.get("reports").size()).isGreaterThanOrEqualTo(2);

		List<TaskHandle> again = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			again.add(this.tasks.send("reports.backup", "2026-05-01"));
		}
		for (TaskHandle handle : again) {
			assertThat(handle.get(TIMEOUT, ReportBackup.BackupFile.class).path()).isEqualTo(file.toString());
		}
		assertThat(Files.readAllBytes(file)).isEqualTo(content);
		assertThat(backupFiles()).containsExactly(file.getFileName().toString());
	}

	@Test
	void aScheduledBackupIsDatedByItsTickInTheSampleZone() {
		// 23:30 UTC on April 30th is 01:30 on May 1st in Europe/Berlin (sample.zone in application.yml)
		TaskRequest scheduled = TaskRequest.builder("reports.backup")
			.header(BeatScheduler.TICK_HEADER, "2026-04-30T23:30:00Z")
			.build();
		ReportBackup.BackupFile file = this.tasks.send(scheduled).get(TIMEOUT, ReportBackup.BackupFile.class);
		assertThat(file.date()).isEqualTo("2026-05-01");
		assertThat(Path.of(file.path())).exists().hasFileName("reports-2026-05-01.json");
	}

	private List<String> backupFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.backup.fileOf(LocalDate.EPOCH).getParent())) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
