package io.retailseg.io;

import io.retailseg.SharedFiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads the real UCI Online Retail CSV ({@code shared/data/online_retail.csv.gz}) and checks the
 * facts its README states, which were computed independently with pandas. Skipped when the file is
 * not there.
 */
class TransactionReaderRealDataTest {

    static Path realFile() {
        return SharedFiles.realData();
    }

    @Test
    void readsTheRealFileAsItsReadmeDescribes() {
        Path file = realFile();
        Assumptions.assumeTrue(Files.exists(file), "real data not found at " + file.toAbsolutePath());

        long start = System.nanoTime();
        Transactions t = TransactionReader.read(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("read " + t.size() + " lines of " + file + " in " + millis + " ms");

        assertThat(t.size()).isEqualTo(541_909);
        int withCustomer = 0;
        int withDescription = 0;
        int cancelled = 0;
        long quantitySum = 0;
        Set<Long> customers = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.customerId(i) != Transactions.MISSING_CUSTOMER) {
                withCustomer++;
                customers.add(t.customerId(i));
            }
            if (t.description(i) != Transactions.MISSING_DESCRIPTION) {
                withDescription++;
            }
            if (t.invoiceText(i).startsWith("C")) {
                cancelled++;
            }
            quantitySum += t.quantity(i);
        }
        assertThat(withCustomer).isEqualTo(406_829);
        assertThat(customers).hasSize(4_372);
        assertThat(withDescription).isEqualTo(540_455);
        assertThat(t.invoices().size()).isEqualTo(25_900);
        assertThat(cancelled).isEqualTo(9_288);
        assertThat(t.stockCodes().size()).isEqualTo(4_070);
        assertThat(t.countries().size()).isEqualTo(38);
        assertThat(quantitySum).isEqualTo(5_176_450L);

        // 536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
        UciFirstLine.assertAt(t, 0);
    }
}
