package io.taskq.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitTests {

	@Test
	void parsesCelerySyntax() {
		assertThat(RateLimit.parse("10/s")).isEqualTo(new RateLimit(10, Duration.ofSeconds(1)));
		assertThat(RateLimit.parse("100/m")).isEqualTo(new RateLimit(100, Duration.ofMinutes(1)));
		assertThat(RateLimit.parse("1000/h")).isEqualTo(new RateLimit(1000, Duration.ofHours(1)));
		assertThat(RateLimit.parse(" 2.5 / s ")).isEqualTo(new RateLimit(2.5, Duration.ofSeconds(1)));
	}

	@Test
	void bareNumberMeansPerSecond() {
		assertThat(RateLimit.parse("5")).isEqualTo(new RateLimit(5, Duration.ofSeconds(1)));
	}

	@Test
	void intervalSpacesRunsEvenlyOverThePeriod() {
		assertThat(RateLimit.parse("10/s").intervalMicros()).isEqualTo(100_000);
		assertThat(RateLimit.parse("100/m").intervalMicros()).isEqualTo(600_000);
		assertThat(RateLimit.parse("3/h").intervalMicros()).isEqualTo(1_200_000_000L);
		assertThat(RateLimit.parse("0.5/s").intervalMicros()).isEqualTo(2_000_000);
		assertThat(RateLimit.parse("3/s").intervalMicros()).isEqualTo(333_333);
		assertThat(RateLimit.parse("10000000/s").intervalMicros()).isEqualTo(1);
	}

	@Test
	void printsInCelerySyntax() {
		assertThat(RateLimit.parse("100/m")).hasToString("100/m");
		assertThat(RateLimit.parse("7")).hasToString("7/s");
		assertThat(RateLimit.parse("1.5/h")).hasToString("1.5/h");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "fast", "10/d", "10/", "/s", "-1/s", "10/s/s", "ten/m", "10 per second" })
	void rejectsOtherTextNamingIt(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse(text))
			.withMessageContaining("'" + text + "'")
			.withMessageContaining("<number>/s");
	}

	@Test
	void rejectsZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("0/m"))
			.withMessageContaining("more than zero");
	}

}
