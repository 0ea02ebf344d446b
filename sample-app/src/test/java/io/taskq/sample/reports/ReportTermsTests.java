package io.taskq.sample.reports;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ReportTerms}.
 */
class ReportTermsTests {

	@Test
	void splitsOnEverythingButLettersAndDigitsAndLowerCases() {
		assertThat(ReportTerms.words("Sales (Q1): north-east 10,5% -- ÉTÉ über_alles"))
			.containsExactly("sales", "q1", "north", "east", "10", "5", "été", "über", "alles");
	}

	@Test
	void keepsRepeatsInOrderAndSkipsEmptyText() {
		assertThat(ReportTerms.words("b a b")).containsExactly("b", "a", "b");
		assertThat(ReportTerms.words("  ,;- ")).isEmpty();
		assertThat(ReportTerms.words("")).isEmpty();
	}

	@Test
	void leavesOutOverlongWords() {
		String longest = "x".repeat(ReportTerms.MAX_WORD_LENGTH);
		assertThat(ReportTerms.words(longest + " " + longest + "y ok")).containsExactly(longest, "ok");
	}

	@Test
	void keepsCombiningMarksInTheirWord() {
		// "İ" lower-cases to "i" and a combining dot above, which must not split the word
		assertThat(ReportTerms.words("İstanbul office")).containsExactly("i\u0307stanbul", "office");
	}

	@Test
	void queryIsTheDistinctWordsInOrder() {
		assertThat(ReportTerms.query("North, north SOUTH north")).containsExactly("north", "south");
	}

	@Test
	void titleWordsWeighMoreThanRowWordsAndRepeatsAddUp() {
		Report report = new Report("r1", "Sales north", List.of("north 10", "south 20", "North and south"), 4);
		assertThat(ReportTerms.scores(report)).containsExactly(entry("10", 1), entry("20", 1), entry("and", 1),
				entry("north", ReportTerms.TITLE_WEIGHT + 2), entry("sales", ReportTerms.TITLE_WEIGHT),
				entry("south", 2));
	}

	@Test
	void reportWithoutWordsHasNoScores() {
		assertThat(ReportTerms.scores(new Report("r2", "--", List.of("", "!!"), 1))).isEmpty();
	}

}
