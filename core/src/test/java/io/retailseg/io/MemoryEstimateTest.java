package io.retailseg.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.MemoryLimitException;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    private static final long GIB = 1L << 30;

    @Test
    void projectsTheWholeFileAndSaysHowMuchToGive() {
        // 262,144 lines in 20 MB of an 8 GB file: about 105 M lines, 48 bytes each when all are stored: 4.7 GiB
        MemoryEstimate estimate = new MemoryEstimate("big.csv", 2 * GIB);
        assertThatThrownBy(() -> estimate.check(MemoryEstimate.FIRST_CHECK_LINES, 20_000_000L, 8_000_000_000L))
                .isInstanceOf(MemoryLimitException.class)
                .hasMessage("big.csv: about 104,857,600 lines need about 4.7 GB of memory, Java was given 2.0 GB;"
                        + " give it more with JAVA_OPTS=-Xmx6g (the machine needs that much free) and run again");
    }

    @Test
    void linesCountedInsteadOfStoredNeedLess() {
        // the same file with half its lines counted (no CustomerID or Description): 104,857,600 x (24 + 2) bytes,
        // 2.54 GiB
        assertThatCode(() -> new MemoryEstimate("big.csv", 3 * GIB)
                .check(MemoryEstimate.FIRST_CHECK_LINES, 20_000_000L, 8_000_000_000L, 0.5))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new MemoryEstimate("big.csv", 2 * GIB)
                .check(MemoryEstimate.FIRST_CHECK_LINES, 20_000_000L, 8_000_000_000L, 0.5))
                .hasMessageContaining("about 104,857,600 lines need about 2.5 GB of memory, Java was given 2.0 GB;"
                        + " give it more with JAVA_OPTS=-Xmx4g");
    }

    @Test
    void quietWhenItFitsAndChecksOnlyOnce() {
        MemoryEstimate estimate = new MemoryEstimate("big.csv", 6 * GIB);
        assertThatCode(() -> estimate.check(MemoryEstimate.FIRST_CHECK_LINES, 20_000_000L, 8_000_000_000L))
                .doesNotThrowAnyException();
        MemoryEstimate early = new MemoryEstimate("big.csv", GIB / 1024);
        assertThatCode(() -> early.check(MemoryEstimate.FIRST_CHECK_LINES - 1, 20_000_000L, 8_000_000_000L))
                .as("too early to tell").doesNotThrowAnyException();
        MemoryEstimate small = new MemoryEstimate("small.csv", GIB);
        small.check(MemoryEstimate.FIRST_CHECK_LINES, 20_000_000L, 20_000_000L);
        assertThatCode(() -> small.check(MemoryEstimate.FIRST_CHECK_LINES * 1000, 20_000_000L, 8_000_000_000L))
                .as("checked once already").doesNotThrowAnyException();
    }
}
