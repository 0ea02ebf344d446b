package io.taskq.sample.reports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal PDF 1.4 writer for text documents: A4 pages of lines in Helvetica, a title line in a larger size on
 * the first page, an Info dictionary, and comment lines after the header that tools ignore but programs can read
 * back without parsing the PDF. Text is written in WinAnsi encoding; characters outside Latin-1 become
 * {@code ?}.
 */
public final class PdfDocument {

	static final int LINES_PER_PAGE = 60;

	private static final int FIRST_OBJECT_OF_PAGES = 5;

	private final String title;

	private final List<String> lines;

	private final List<String> comments;

	/**
	 * Create a document.
	 * @param title the title, shown on top of the first page and stored in the Info dictionary
	 * @param lines the lines of text
	 * @param comments comment lines written after the header, without the leading {@code %}
	 */
	public PdfDocument(String title, List<String> lines, List<String> comments) {
		this.title = title;
		this.lines = List.copyOf(lines);
		this.comments = List.copyOf(comments);
	}

	/**
	 * Render the document.
	 * @return the PDF file's bytes
	 */
	public byte[] toBytes() {
		List<List<String>> pages = paginate();
		Writer pdf = new Writer();
		pdf.raw("%PDF-1.4\n");
		for (String comment : this.comments) {
			pdf.raw("%" + comment.replaceAll("[\\r\\n]", " ") + "\n");
		}
		StringBuilder kids = new StringBuilder();
		for (int i = 0; i < pages.size(); i++) {
			kids.append((i > 0) ? " " : "").append(FIRST_OBJECT_OF_PAGES + 2 * i).append(" 0 R");
		}
		pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
		pdf.object(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>");
		pdf.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
		pdf.object(4, "<< /Title " + literal(this.title) + " /Producer (taskq sample-app) >>");
		for (int i = 0; i < pages.size(); i++) {
			int page = FIRST_OBJECT_OF_PAGES + 2 * i;
			pdf.object(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents "
					+ (page + 1) + " 0 R >>");
			byte[] content = content(pages.get(i), i == 0).getBytes(StandardCharsets.ISO_8859_1);
			pdf.stream(page + 1, content);
		}
		return pdf.finish(4);
	}

	private List<List<String>> paginate() {
		List<List<String>> pages = new ArrayList<>();
		for (int start = 0; start < this.lines.size(); start += LINES_PER_PAGE) {
			pages.add(this.lines.subList(start, Math.min(this.lines.size(), start + LINES_PER_PAGE)));
		}
		if (pages.isEmpty()) {
			pages.add(List.of());
		}
		return pages;
	}

	private String content(List<String> pageLines, boolean first) {
		StringBuilder content = new StringBuilder("BT\n");
		if (first) {
			content.append("/F1 16 Tf\n50 790 Td\n").append(literal(this.title)).append(" Tj\n0 -28 Td\n");
		}
		else {
			content.append("50 790 Td\n");
		}
		content.append("/F1 10 Tf\n12 TL\n");
		for (String line : pageLines) {
			content.append(literal(line)).append(" Tj T*\n");
		}
		return content.append("ET\n").toString();
	}

	/**
	 * A PDF literal string: Latin-1 text in parentheses, with {@code \}, {@code (} and {@code )} escaped.
	 */
	static String literal(String text) {
		StringBuilder literal = new StringBuilder("(");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '(' || c == ')') {
				literal.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f) {
				literal.append(' ');
			}
			else if (c > 0xff) {
				literal.append('?');
			}
			else {
				literal.append(c);
			}
		}
		return literal.append(')').toString();
	}

	/**
	 * Appends objects and records their offsets for the cross-reference table.
	 */
	private static final class Writer {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final List<Integer> offsets = new ArrayList<>();

		void raw(String text) {
			this.out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
		}

		void object(int number, String dictionary) {
			begin(number);
			raw(dictionary + "\nendobj\n");
		}

		void stream(int number, byte[] content) {
			begin(number);
			raw("<< /Length " + content.length + " >>\nstream\n");
			this.out.writeBytes(content);
			raw("\nendstream\nendobj\n");
		}

		private void begin(int number) {
			if (number != this.offsets.size() + 1) {
				throw new IllegalStateException("Objects must be written in order; expected " + (this.offsets.size() + 1));
			}
			this.offsets.add(this.out.size());
			raw(number + " 0 obj\n");
		}

		byte[] finish(int info) {
			int xref = this.out.size();
			StringBuilder table = new StringBuilder("xref\n0 " + (this.offsets.size() + 1) + "\n");
			table.append("0000000000 65535 f \n");
			for (int offset : this.offsets) {
				table.append(String.format("%010d 00000 n \n", offset));
			}
			table.append("trailer\n<< /Size ")
				.append(this.offsets.size() + 1)
				.append(" /Root 1 0 R /Info ")
				.append(info)
				.append(" 0 R >>\nstartxref\n")
				.append(xref)
				.append("\n%%EOF\n");
			raw(table.toString());
			return this.out.toByteArray();
		}

	}

}
