package io.taskq.sample.math;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MathTasks}: {@code tasks.add} adds as Python's {@code +} does.
 */
class MathTasksTests {

	private static final BigInteger TWO_TO_THE_70 = BigInteger.TWO.pow(70);

	private final MathTasks tasks = new MathTasks();

	@Test
	void integersAddExactlyAtAnySize() {
		assertThat(this.tasks.add(2, 3)).isEqualTo(BigInteger.valueOf(5));
		assertThat(this.tasks.add(Long.MAX_VALUE, 1)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
		assertThat(this.tasks.add(TWO_TO_THE_70, 1)).isEqualTo(TWO_TO_THE_70.add(BigInteger.ONE));
		assertThat(this.tasks.add(TWO_TO_THE_70, TWO_TO_THE_70.negate())).isEqualTo(BigInteger.ZERO);
	}

	@Test
	void aFloatMakesTheSumAFloat() {
		assertThat(this.tasks.add(0.5, 0.25)).isEqualTo(0.75);
		assertThat(this.tasks.add(2, 0.5)).isEqualTo(2.5);
		assertThat(this.tasks.add(1.5, 1.5)).isEqualTo(3.0);
		assertThat(this.tasks.add(TWO_TO_THE_70, 0.5)).isEqualTo(Math.pow(2, 70));
	}

	@Test
	void anIntegerTooLargeForAFloatFailsAsInPython() {
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> this.tasks.add(BigInteger.TEN.pow(400), 0.5))
			.withMessage("int too large to convert to float");
	}

}
