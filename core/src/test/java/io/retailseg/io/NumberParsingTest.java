package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParsingTest {

    @Test
    void fastDecimalPathAgreesWithParseDouble() {
        // the fast path divides an exact mantissa by an exact power of ten; Double.parseDouble is the oracle
        SplittableRandom random = new SplittableRandom(352);
        for (int i = 0; i < 200_000; i++) {
            long mantissa = random.nextLong(1L << (1 + random.nextInt(56)));
            int scale = random.nextInt(25);
            String text = BigDecimal.valueOf(random.nextBoolean() ? mantissa : -mantissa, scale).toPlainString();
            assertThat(NumberParsing.parseFiniteDouble(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", ".", "+.", "1..2", "1.2.3", "NaN", "-Infinity", "Infinity", "1e999", "abc"})
    void notAFiniteNumber(String text) {
        assertThat(NumberParsing.parseFiniteDouble(text)).isNaN();
    }

    @Test
    void wholeNumbers() {
        assertThat(NumberParsing.parseWholeNumber("17850")).isEqualTo(17850L);
        assertThat(NumberParsing.parseWholeNumber("17850.0")).isEqualTo(17850L);
        assertThat(NumberParsing.parseWholeNumber("17850.")).isEqualTo(17850L);
        assertThat(NumberParsing.parseWholeNumber("-80995")).isEqualTo(-80995L);
        assertThat(NumberParsing.parseWholeNumber("000000000000000000000042")).isEqualTo(42L);
        assertThat(NumberParsing.parseWholeNumber("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-", ".0", "6.5", "6.01", "1e3", "0x10", "1 2", "1000000000000000000", "abc"})
    void notWholeNumbers(String text) {
        assertThat(NumberParsing.parseWholeNumber(text)).isEqualTo(NumberParsing.NOT_WHOLE);
    }
}
