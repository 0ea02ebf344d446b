package io.taskq.sample.reports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PdfDocument}: the file's structure is what PDF readers need.
 */
class PdfDocumentTests {

	@Test
	void writesHeaderCommentsAndTrailer() {
		String pdf = render(new PdfDocument("Title", List.of("one"), List.of("first comment", "second\ncomment")));
		assertThat(pdf).startsWith("%PDF-1.4\n%first comment\n%second comment\n1 0 obj\n");
		assertThat(pdf).endsWith("%%EOF\n");
		assertThat(pdf).contains("trailer\n<< /Size 7 /Root 1 0 R /Info 4 0 R >>");
	}

	@Test
	void crossReferenceTableGivesTheOffsetOfEveryObject() {
		String pdf = render(new PdfDocument("Title", lines(130), List.of()));
		int xref = Integer.parseInt(match(pdf, "startxref\n(\\d+)\n").get(0));
		assertThat(pdf.substring(xref)).startsWith("xref\n0 11\n0000000000 65535 f \n");
		List<String> offsets = match(pdf.substring(xref), "(\\d{10}) 00000 n \n");
		assertThat(offsets).hasSize(10);
		for (int i = 0; i < offsets.size(); i++) {
			assertThat(pdf.substring(Integer.parseInt(offsets.get(i)))).startsWith((i + 1) + " 0 obj\n");
		}
		assertThat(pdf.substring(xref)).containsPattern("(?m)^(\\d{10} \\d{5} [fn] \n){11}trailer");
	}

	@Test
	void streamLengthsMatchTheirContent() {
		String pdf = render(new PdfDocument("Title", lines(70), List.of()));
		Matcher stream = Pattern.compile("<< /Length (\\d+) >>\nstream\n").matcher(pdf);
		int streams = 0;
		while (stream.find()) {
			int length = Integer.parseInt(stream.group(1));
			assertThat(pdf.substring(stream.end() + length)).startsWith("\nendstream\nendobj\n");
			streams++;
		}
		assertThat(streams).isEqualTo(2);
	}

	@Test
	void splitsLinesIntoPages() {
		String pdf = render(new PdfDocument("Title", lines(PdfDocument.LINES_PER_PAGE * 2 + 1), List.of()));
		assertThat(pdf).contains("/Kids [5 0 R 7 0 R 9 0 R] /Count 3");
		assertThat(match(pdf, "/Type /Page /Parent")).hasSize(3);
		assertThat(pdf).contains("(line 121) Tj");
	}

	@Test
	void emptyDocumentHasOnePage() {
		assertThat(render(new PdfDocument("Empty", List.of(), List.of()))).contains("/Count 1").contains("(Empty) Tj");
	}

	@Test
	void escapesLiteralStrings() {
		assertThat(PdfDocument.literal("a (b) \\ c")).isEqualTo("(a \\(b\\) \\\\ c)");
		assertThat(PdfDocument.literal("tab\there")).isEqualTo("(tab here)");
		assertThat(PdfDocument.literal("café €")).isEqualTo("(café ?)");
	}

	private static List<String> lines(int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> "line " + i).toList();
	}

	private static String render(PdfDocument document) {
		return new String(document.toBytes(), StandardCharsets.ISO_8859_1);
	}

	private static List<String> match(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		List<String> groups = new ArrayList<>();
		while (matcher.find()) {
			groups.add((matcher.groupCount() > 0) ? matcher.group(1) : matcher.group());
		}
		return groups;
	}

}
