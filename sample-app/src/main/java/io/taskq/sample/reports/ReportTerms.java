package io.taskq.sample.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The words of reports as the search index sees them. Text is split on every character that is not a letter, a
 * digit or a combining mark, and lower-cased; words longer than {@value #MAX_WORD_LENGTH} characters are left
 * out. A report's score for a word is how often it occurs, each occurrence in the title counting
 * {@value #TITLE_WEIGHT} times, so a report titled with a word ranks before one that mentions it once in a row.
 */
public final class ReportTerms {

	/** How much more an occurrence in the title counts than one in a row. */
	static final int TITLE_WEIGHT = 3;

	/** Longer words are not indexed. */
	static final int MAX_WORD_LENGTH = 64;

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

	private ReportTerms() {
	}

	/**
	 * The words of a text, in order, repeats included.
	 * @param text the text
	 * @return the words, lower-case
	 */
	public static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
			if (!word.isEmpty() && word.length() <= MAX_WORD_LENGTH) {
				words.add(word);
			}
		}
		return words;
	}

	/**
	 * The distinct words of a search query.
	 * @param query the query
	 * @return the words, in the order they first occur
	 */
	public static Set<String> query(String query) {
		return new LinkedHashSet<>(words(query));
	}

	/**
	 * A report's score for each of its words.
	 * @param report the report
	 * @return the scores by word, in word order
	 */
	public static Map<String, Integer> scores(Report report) {
		Map<String, Integer> scores = new TreeMap<>();
		words(report.title()).forEach((word) -> scores.merge(word, TITLE_WEIGHT, Integer::sum));
		report.rows().forEach((row) -> words(row).forEach((word) -> scores.merge(word, 1, Integer::sum)));
		return scores;
	}

}
