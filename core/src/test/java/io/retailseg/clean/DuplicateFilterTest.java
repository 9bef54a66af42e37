package io.retailseg.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuplicateFilterTest {
    private static final LocalDateTime T = LocalDateTime.of(2011, 1, 3, 10, 0);

    /** One line's 8 values as pandas compares them (a price of -0.0 equal to 0.0). */
    private record Line(String invoice, String stock, String description, int quantity, LocalDateTime date,
                        double price, long customer, String country) {
        Line {
            price += 0.0;
        }
    }

    /**
     * 200,000 lines drawn from small sets of values, filtered over one row in four (about a fifth of those
     * repeat an earlier one): the rows kept, in order, are those a set of the lines' values keeps.
     */
    @ParameterizedTest(name = "parts of about {0} lines")
    @ValueSource(ints = {DuplicateFilter.PART_LINES, 1_000, 64, 1})
    void keepsTheFirstOfEachDistinctLineAsASetOfItsValuesWould(int partLines) {
        SplittableRandom random = new SplittableRandom(11);
        Transactions.Builder b = new Transactions.Builder();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Line line = new Line("5" + random.nextInt(100), "S" + random.nextInt(4), "D" + random.nextInt(3),
                    1 + random.nextInt(3), T.plusHours(random.nextInt(3)),
                    random.nextInt(5) == 0 ? -0.0 : random.nextInt(2) * 1.25, 12_000 + random.nextInt(3),
                    random.nextBoolean() ? "United Kingdom" : "France");
            lines.add(line);
            b.add(line.invoice(), line.stock(), line.description(), line.quantity(), line.date(),
                    line.price() == 0 && random.nextBoolean() ? -0.0 : line.price(), line.customer(), line.country());
        }
        // as the cleaner calls it: over the rows an earlier step kept (here one in four), so row numbers
        // run past the count, into more bits than the count has; the 100 invoices come in random order,
        // about 500 lines each: one part, parts of two invoices, parts of one invoice larger than asked
        Set<Line> seen = new HashSet<>();
        int[] expected = IntStream.range(0, lines.size()).filter(r -> r % 4 == 0 && seen.add(lines.get(r)))
                .toArray();
        Transactions t = b.build();
        assertThat(expected.length).isBetween(10_000, 45_000);
        // the parts on one thread, and shared among three (each part marks its duplicates in its own slots)
        for (int threads : new int[] {1, 3}) {
            int[] rows = IntStream.range(0, lines.size()).filter(r -> r % 4 == 0).toArray();

            int kept = DuplicateFilter.keepFirst(t, rows, rows.length, partLines, threads);

            assertThat(kept).as("%d threads", threads).isEqualTo(expected.length);
            assertThat(Arrays.mismatch(Arrays.copyOf(rows, kept), expected)).as("first row kept differently, %d threads",
                    threads).isEqualTo(-1);
        }
    }
}
