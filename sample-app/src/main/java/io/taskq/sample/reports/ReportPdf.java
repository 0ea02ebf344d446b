package io.taskq.sample.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a PDF file. The revision of its data is stored in the file itself, in a comment line after the
 * PDF header ({@code %sample-report-revision: 7}), so the file and its revision are replaced together.
 */
public final class ReportPdf {

	private static final String REVISION_MARKER = "sample-report-revision: ";

	private static final int HEADER_LINES = 3;

	private ReportPdf() {
	}

	/**
	 * Render a report.
	 * @param report the report
	 * @return the PDF file's bytes
	 */
	public static byte[] render(Report report) {
		List<String> lines = new ArrayList<>();
		lines.add("Report " + report.id() + ", revision " + report.revision());
		lines.add("");
		lines.addAll(report.rows());
		return new PdfDocument(report.title(), lines, List.of(REVISION_MARKER + report.revision())).toBytes();
	}

	/**
	 * The revision of the report in a PDF file.
	 * @param file the file
	 * @return the revision, or 0 if there is no such file or it has no revision
	 */
	public static long revisionOf(Path file) {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
			for (int i = 0; i < HEADER_LINES; i++) {
				String line = reader.readLine();
				if (line == null) {
					break;
				}
				if (line.startsWith("%" + REVISION_MARKER)) {
					return Long.parseLong(line.substring(REVISION_MARKER.length() + 1).trim());
				}
			}
			return 0;
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

}
