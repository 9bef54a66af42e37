package io.retailseg.clv;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepeatHistoriesTest {
    /**
     * The rule by its definition: the purchases sorted by day and within a day by amount (Double.compare), each
     * day's spend summed in that order from zero, the repeat spend summed over the days after the first.
     */
    private static RepeatHistory byDefinition(long[] days, double[] amounts, long endDay) {
        Integer[] order = new Integer[days.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> days[x] != days[y] ? Long.compare(days[x], days[y])
                : Double.compare(amounts[x], amounts[y]));
        long[] day = new long[days.length];
        double[] spend = new double[days.length];
        int m = 0;
        for (int k : order) {
            if (m == 0 || day[m - 1] != days[k]) {
                day[m++] = days[k];
            }
            spend[m - 1] += amounts[k];
        }
        double repeat = 0;
        for (int k = 1; k < m; k++) {
            repeat += spend[k];
        }
        return new RepeatHistory(m - 1, day[m - 1] - day[0], endDay - day[0], m == 1 ? 0 : repeat / (m - 1));
    }

    /**
     * Many purchases on few days, amounts of very different sizes (so the order of a sum shows in its last bits)
     * and both zeros: the same history, bit for bit, as the definition gives, in any input order.
     */
    @Test
    void aHistoryIsTheDefinitionsBitForBit() {
        SplittableRandom random = new SplittableRandom(5);
        for (int customer = 0; customer < 2_000; customer++) {
            int n = 1 + random.nextInt(customer % 10 == 0 ? 3_000 : 40);
            long[] days = new long[n];
            double[] amounts = new double[n];
            long firstDay = 14_000 + random.nextInt(400);
            int spread = 1 + random.nextInt(30);
            for (int k = 0; k < n; k++) {
                days[k] = firstDay + random.nextInt(spread);
                int kind = random.nextInt(10);
                amounts[k] = kind == 0 ? 0.0 : kind == 1 ? -0.0
                        : random.nextDouble() * Math.pow(10, random.nextInt(-3, 7));
            }
            long endDay = firstDay + spread + random.nextInt(100);

            RepeatHistory actual = RepeatHistories.history(customer, days, amounts, endDay, false);

            RepeatHistory expected = byDefinition(days, amounts, endDay);
            assertThat(actual).as("customer %d, %d purchases", customer, n).isEqualTo(expected);
            assertThat(Double.doubleToRawLongBits(actual.meanRepeatSpend()))
                    .isEqualTo(Double.doubleToRawLongBits(expected.meanRepeatSpend()));
        }
    }

    /**
     * 2,600 customers (above the threshold for a second thread), some with only cancellations (no history): the
     * same ids and histories on 1 and 3 threads, in ascending customer order.
     */
    @Test
    void theHistoriesDoNotDependOnTheThreads() {
        SplittableRandom random = new SplittableRandom(9);
        Transactions.Builder b = new Transactions.Builder();
        LocalDateTime start = LocalDateTime.of(2011, 1, 3, 10, 0);
        for (int customer = 0; customer < 2_600; customer++) {
            boolean onlyCancelled = customer % 97 == 0;
            for (int line = 0, lines = 1 + random.nextInt(12); line < lines; line++) {
                String invoice = (onlyCancelled ? "C" : "") + (500_000 + customer * 20 + line % 4);
                b.add(invoice, "2" + (1000 + random.nextInt(50)), "P", 1 + random.nextInt(9),
                        start.plusDays(random.nextInt(300)), 0.5 + random.nextInt(40) * 0.25, 10_000 + customer, "UK");
            }
        }
        Transactions lines = b.build();
        CustomerGroups groups = CustomerGroups.of(lines);
        RepeatHistories.Result one = RepeatHistories.of(lines, groups, 16_000, 1);
        RepeatHistories.Result three = RepeatHistories.of(lines, groups, 16_000, 3);
        assertThat(one.customerIds()).hasSize(2_600 - 27).isSorted();
        assertThat(three.customerIds()).containsExactly(one.customerIds());
        assertThat(three.histories()).containsExactlyElementsOf(one.histories());
    }
}
