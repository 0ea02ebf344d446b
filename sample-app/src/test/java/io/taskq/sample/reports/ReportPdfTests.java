package io.taskq.sample.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReportPdf}: the revision travels inside the file.
 */
class ReportPdfTests {

	@TempDir
	Path directory;

	@Test
	void revisionIsReadBackFromTheFile() throws IOException {
		Path file = this.directory.resolve("report.pdf");
		Files.write(file, ReportPdf.render(new Report("r", "Title", List.of("row"), 17)));
		assertThat(ReportPdf.revisionOf(file)).isEqualTo(17);
	}

	@Test
	void missingFileHasRevisionZero() {
		assertThat(ReportPdf.revisionOf(this.directory.resolve("missing.pdf"))).isZero();
	}

	@Test
	void fileWithoutARevisionHasRevisionZero() throws IOException {
		Path file = this.directory.resolve("other.pdf");
		Files.write(file, new PdfDocument("Other", List.of(), List.of()).toBytes());
		assertThat(ReportPdf.revisionOf(file)).isZero();
	}

	@Test
	void renderedReportShowsItsIdRevisionAndRows() {
		String pdf = new String(ReportPdf.render(new Report("r7", "Sales", List.of("north 1", "south 2"), 3)),
				StandardCharsets.ISO_8859_1);
		assertThat(pdf).contains("(Sales) Tj", "(Report r7, revision 3) Tj", "(north 1) Tj", "(south 2) Tj");
	}

}
