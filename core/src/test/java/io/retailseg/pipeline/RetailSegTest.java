package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.recommend.Recommendation;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on 60 generated customers in three clearly different behaviours: 30 frequent
 * UK shoppers, 20 German wholesalers buying in bulk, 10 French one-off buyers. Each customer differs
 * a little from the others of its group so no two have identical features.
 */
class RetailSegTest {
    private static final int CUSTOMERS = 60;

    private static Transactions sixtyCustomers() {
        Transactions.Builder b = new Transactions.Builder();
        int invoice = 550000;
        for (int i = 0; i < 30; i++) {           // frequent: 6 monthly invoices of 3 small lines
            for (int month = 1; month <= 6; month++) {
                LocalDateTime at = LocalDateTime.of(2011, month, 3 + i % 20, 10 + i % 3, 0);
                String inv = Integer.toString(invoice++);
                for (int p = 0; p < 3; p++) {
                    b.add(inv, "2" + (1000 + (i + month + p) % 12), "GIFT " + p, 4 + (i + p) % 5, at,
                            1.25 + 0.1 * p, 13000 + i, "United Kingdom");
                }
            }
        }
        for (int i = 0; i < 20; i++) {           // wholesalers: 2 invoices of bulk lines
            for (int k = 0; k < 2; k++) {
                LocalDateTime at = LocalDateTime.of(2011, 3 + 3 * k, 5 + i % 15, 8, 30);
                String inv = Integer.toString(invoice++);
                for (int p = 0; p < 4; p++) {
                    b.add(inv, "8" + (4000 + (i + p) % 8), "BULK " + p, 120 + 7 * i + 11 * p, at,
                            0.65 + 0.05 * p, 14000 + i, "Germany");
                }
            }
        }
        for (int i = 0; i < 10; i++) {           // one-off buyers: one invoice early in the year
            LocalDateTime at = LocalDateTime.of(2011, 1, 10 + i, 15, 0);
            String inv = Integer.toString(invoice++);
            b.add(inv, "3" + (5000 + i % 4), "CARD", 1 + i, at, 4.95 + i, 15000 + i, "France");
            b.add(inv, "3" + (5004 + i % 3), "CANDLE", 2, at, 2.95, 15000 + i, "France");
        }
        return b.build();
    }

    private static RunResult run(int threads) {
        return RetailSeg.run(RunConfig.builder().threads(threads).build(),
                TransactionSource.of("sixty", sixtyCustomers()));
    }

    @Test
    void segmentsOutliersPcaAndRecommendationsAreConsistent() {
        RunResult r = run(1);

        assertThat(r.customers().size()).isEqualTo(CUSTOMERS);
        // numpy's percentile at 5% of 60 scores lies between the 3rd and 4th highest: 3 outliers.
        assertThat(r.outlierCount()).isEqualTo(3);
        int k = r.k();
        int[] size = new int[k];
        for (int i = 0; i < CUSTOMERS; i++) {
            if (r.outlier()[i]) {
                assertThat(r.segmentation().segmentAt(i).orElse(-1)).isEqualTo(-1);
                assertThat(r.pcaScores()[i]).isNull();
            } else {
                assertThat(r.segmentation().segmentAt(i).orElse(-1)).isBetween(0, k - 1);
                assertThat(r.pcaScores()[i]).hasSize(6);
                size[r.segmentation().segmentAt(i).orElse(-1)]++;
            }
        }
        assertThat(size[0]).isPositive();
        for (int s = 0; s < k; s++) {
            assertThat(r.profiles().get(s).id()).isEqualTo(s);
            assertThat(r.profiles().get(s).size()).isEqualTo(size[s]);
            if (s > 0) {
                assertThat(size[s]).as("segment ids numbered largest first").isLessThanOrEqualTo(size[s - 1]);
            }
        }

        Set<Long> outliers = new HashSet<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            if (r.outlier()[i]) {
                outliers.add(r.customers().customerId(i));
            }
        }
        Transactions lines = Cleaner.clean(sixtyCustomers()).lines();
        assertThat(r.recommendations()).isNotEmpty();
        for (Recommendation rec : r.recommendations()) {
            assertThat(outliers).doesNotContain(rec.customerId());
            assertThat(rec.rank()).isBetween(1, 3);
            assertThat(rec.segment()).isEqualTo(r.segmentation().segmentAt(r.customers().rowOf(rec.customerId())).orElse(-1));
            for (int row = 0; row < lines.size(); row++) {
                if (lines.customerId(row) == rec.customerId()) {
                    assertThat(lines.stockCodeText(row)).as("customer %d bought it", rec.customerId())
                            .isNotEqualTo(rec.stockCode());
                }
            }
        }
    }

    @Test
    void sameInputAndSeedGiveIdenticalResultsWithOneOrTwoThreads() {
        RunResult one = run(1);
        RunResult two = run(2);

        assertThat(Arrays.deepEquals(one.customers().matrix(), two.customers().matrix())).isTrue();
        assertThat(two.outlierScore()).containsExactly(one.outlierScore());
        assertThat(two.outlier()).containsExactly(one.outlier());
        assertThat(two.segmentation()).isEqualTo(one.segmentation());
        assertThat(Arrays.deepEquals(one.pcaScores(), two.pcaScores())).isTrue();
        assertThat(two.kSelection().candidates()).isEqualTo(one.kSelection().candidates());
        assertThat(two.metrics()).isEqualTo(one.metrics());
        assertThat(two.topProducts()).isEqualTo(one.topProducts());
        assertThat(two.recommendations()).isEqualTo(one.recommendations());
    }

    @Test
    void noCustomerLeftAfterCleaningIsAnInputError() {
        Transactions noCustomer = new Transactions.Builder()
                .add("1", "85123A", "WHITE HANGING HEART", 6, LocalDateTime.of(2011, 1, 3, 9, 0), 2.55,
                        Transactions.MISSING_CUSTOMER, "United Kingdom")
                .add("2", "POST", "POSTAGE", 1, LocalDateTime.of(2011, 1, 3, 9, 0), 18.0, 12346, "France")
                .build();

        assertThatThrownBy(() -> RetailSeg.run(RunConfig.defaults(), TransactionSource.of("empty.csv", noCustomer)))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("empty.csv: ")
                .hasMessageContaining("no customer left after cleaning")
                .hasMessageContaining("2 lines read, 0 kept");
    }

    @Test
    void fewerCustomersThanKIsAnInputError() {
        Transactions.Builder b = new Transactions.Builder();
        for (int c = 0; c < 3; c++) {
            b.add("5" + c, "8512" + c, "ITEM", 1 + c, LocalDateTime.of(2011, 1, 3 + c, 9, 0), 2.55, 12346 + c, "France");
        }

        assertThatThrownBy(() -> RetailSeg.run(RunConfig.builder().k(3).threads(1).build(),
                TransactionSource.of("three.csv", b.build())))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("three.csv: ")
                .hasMessageContaining("3 customers")
                .hasMessageContaining("too few to form k = 3 segments");
    }
}
