package io.retailseg.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvNumbersTest {
    @Test
    void integralValuesHaveNoDecimalPoint() {
        assertThat(CsvNumbers.format(17850.0)).isEqualTo("17850");
        assertThat(CsvNumbers.format(0.0)).isEqualTo("0");
        assertThat(CsvNumbers.format(-0.0)).isEqualTo("0");
        assertThat(CsvNumbers.format(-3.0)).isEqualTo("-3");
        assertThat(CsvNumbers.format(1e7)).isEqualTo("10000000");
    }

    @Test
    void smallAndLargeValuesAreWrittenWithoutExponentOrTrailingZeros() {
        assertThat(CsvNumbers.format(0.00012)).isEqualTo("0.00012");
        assertThat(CsvNumbers.format(0.0001)).isEqualTo("0.0001");
        assertThat(CsvNumbers.format(1e-7)).isEqualTo("0.0000001");
        assertThat(CsvNumbers.format(-2.5e-5)).isEqualTo("-0.000025");
        assertThat(CsvNumbers.format(12345678.9)).isEqualTo("12345678.9");
        assertThat(CsvNumbers.format(1e20)).isEqualTo("100000000000000000000");
        assertThat(CsvNumbers.format(1.5e16)).isEqualTo("15000000000000000");
        assertThat(CsvNumbers.format(615.7142857142857)).isEqualTo("615.7142857142857");
        assertThat(CsvNumbers.format(0.1)).isEqualTo("0.1");
    }

    @Test
    void notANumberAndInfinityAreEmpty() {
        assertThat(CsvNumbers.format(Double.NaN)).isEmpty();
        assertThat(CsvNumbers.format(Double.POSITIVE_INFINITY)).isEmpty();
    }

    @Test
    void everyValueReadsBackExactly() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 22));
            if (i % 5 == 0) {
                v = Math.rint(v);
            }
            String s = CsvNumbers.format(v);
            assertThat(s).as("%s", v).doesNotContain("E").doesNotEndWith(".0");
            if (s.contains(".")) {
                assertThat(s).as("%s", v).doesNotEndWith("0");
            }
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(v + 0.0);
        }
    }
}
