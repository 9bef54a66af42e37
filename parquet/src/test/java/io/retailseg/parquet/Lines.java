package io.retailseg.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Test helpers: where the real file is, and that two readings hold the same lines. */
final class Lines {
    private Lines() {
    }

    /** {@code shared/data/online_retail.csv.gz} (it may not exist: tests using it skip themselves). */
    static Path realData() {
        String shared = System.getProperty("retailseg.shared");
        Path first = (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve("data/online_retail.csv.gz");
        if (Files.exists(first)) {
            return first;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/online_retail.csv.gz");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return first;
    }

    /** Every field of every line equal, in order (the first difference named). */
    static void assertSameLines(Transactions actual, Transactions expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            String a = line(actual, i);
            String e = line(expected, i);
            if (!a.equals(e)) {
                assertThat(a).as("line %d", i + 1).isEqualTo(e);
            }
        }
    }

    static String line(Transactions t, int i) {
        return String.join("|", t.invoiceText(i), t.stockCodeText(i), Objects.toString(t.descriptionText(i)),
                Integer.toString(t.quantity(i)), Long.toString(t.epochSecond(i)),
                Long.toString(Double.doubleToLongBits(t.unitPrice(i))), Long.toString(t.customerId(i)),
                t.countryText(i));
    }
}
