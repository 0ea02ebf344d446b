package io.taskq.sample.reports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.taskq.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReportBackup}'s content and dates.
 */
class ReportBackupTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final ReportBackup backup = new ReportBackup(null, properties());

	@Test
	void contentHoldsTheDateAndEveryReportsData() {
		Report sales = new Report("sales", "Sales \"Q1\"", List.of("north 10", "süd 20"), 3);
		Report empty = new Report("empty", "Empty", List.of(), 1);
		byte[] content = this.backup.content(LocalDate.of(2026, 5, 1), List.of(empty, sales));
		JsonNode json = JsonMapper.builder().build().readTree(content);
		assertThat(json.get("date").asString()).isEqualTo("2026-05-01");
		assertThat(json.get("reports")).hasSize(2);
		JsonNode second = json.get("reports").get(1);
		assertThat(second.get("id").asString()).isEqualTo("sales");
		assertThat(second.get("title").asString()).isEqualTo("Sales \"Q1\"");
		assertThat(second.get("rows").toString()).isEqualTo("[\"north 10\",\"süd 20\"]");
		assertThat(second.get("revision").asLong()).isEqualTo(3);
		assertThat(new String(content, StandardCharsets.UTF_8)).startsWith("{\n").contains("süd");
	}

	@Test
	void sameDataGivesTheSameBytes() {
		List<Report> reports = List.of(new Report("a", "A", List.of("1"), 1), new Report("b", "B", List.of(), 2));
		assertThat(this.backup.content(LocalDate.of(2026, 5, 1), reports))
			.isEqualTo(this.backup.content(LocalDate.of(2026, 5, 1), List.copyOf(reports)));
	}

	@Test
	void fileIsNamedByTheDateUnderBackups() {
		assertThat(this.backup.fileOf(LocalDate.of(2026, 1, 9)))
			.isEqualTo(Path.of("data", "backups", "reports-2026-01-09.json").toAbsolutePath());
	}

	@Test
	void dateGivenWins() {
		assertThat(ReportBackup.dateOf("2026-02-03", "2026-05-01T00:00:00Z", BERLIN, clock("2026-07-01T00:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 2, 3));
	}

	@Test
	void dateOfTheTickIsReadInTheZone() {
		// 23:30 UTC on April 30th is 01:30 on May 1st in Berlin
		assertThat(ReportBackup.dateOf(null, "2026-04-30T23:30:00Z", BERLIN, clock("2026-07-01T00:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 5, 1));
		assertThat(ReportBackup.dateOf(null, "2026-04-30T23:30:00Z", ZoneOffset.UTC, clock("2026-07-01T00:00:00Z")))
			.isEqualTo(LocalDate.of(2026, 4, 30));
	}

	@Test
	void withoutDateOrTickItIsTodayInTheZone() {
		assertThat(ReportBackup.dateOf(null, null, BERLIN, clock("2026-12-31T23:15:00Z")))
			.isEqualTo(LocalDate.of(2027, 1, 1));
	}

	@Test
	void invalidDateOrTickIsAClearError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportBackup.dateOf("01/05/2026", null, BERLIN, Clock.systemUTC()))
			.withMessage("Invalid backup date '01/05/2026': use yyyy-MM-dd");
		assertThatIllegalArgumentException().isThrownBy(() -> ReportBackup.dateOf(null, "soon", BERLIN, Clock.systemUTC()))
			.withMessage("Invalid tick 'soon': expected an ISO-8601 instant");
	}

	private static Clock clock(String instant) {
		return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
	}

	private static SampleProperties properties() {
		SampleProperties properties = new SampleProperties();
		properties.setDataDir(Path.of("data"));
		return properties;
	}

}
