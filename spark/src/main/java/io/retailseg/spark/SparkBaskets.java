package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.retailseg.MemoryLimitException;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The model recommenders' inputs on Spark ({@code co-purchase}, {@code ease}, {@code als}, {@code hybrid}): the
 * catalogue and every customer's {@link Basket}, as the core's {@link Basket#of} builds them. Spark reduces the
 * lines to one row per (customer, product): lines, distinct purchase invoices (not cancelled, positive
 * quantity), first and last day of the purchases (of any line when there is none). The driver receives those
 * rows, streamed a partition at a time, and holds the baskets: 28 bytes per (customer, product) pair, plus the
 * model the recommender fits from them (docs/benchmarks.md "Issue 11: catalogue scale"). This is the Spark
 * engine's one driver-side cost that grows with the data rather than the customers, so it is bounded:
 * above {@code maxPairs} pairs the run stops before collecting, saying so.
 */
final class SparkBaskets {
    /** Default bound on the (customer, product) pairs the driver collects: about 1.4 GB of baskets. */
    static final long DEFAULT_MAX_PAIRS = 50_000_000L;

    /** The catalogue and one basket per customer of {@code customerIds}, in that order. */
    record Result(Catalogue catalogue, Basket[] baskets) {
    }

    private SparkBaskets() {
    }

    /**
     * @param customerIds every customer of the cleaned lines, ascending (the customer table's order)
     * @throws MemoryLimitException naming the bound when there are more than {@code maxPairs} pairs
     */
    static Result collect(Dataset<Row> cleaned, long[] customerIds, long maxPairs) {
        Catalogue catalogue = catalogue(cleaned);
        Column purchase = SparkFeatures.purchase();
        Dataset<Row> pairs = cleaned
                .select(col(SparkIngest.CUSTOMER_ID), col(SparkIngest.STOCK_CODE), col(SparkIngest.INVOICE),
                        SparkFeatures.day().as("day"), purchase.as("purchase"))
                .groupBy(SparkIngest.CUSTOMER_ID, SparkIngest.STOCK_CODE)
                .agg(functions.count(functions.lit(1)).as("lines"),
                        functions.countDistinct(when(col("purchase"), col(SparkIngest.INVOICE))).as("orders"),
                        functions.min(when(col("purchase"), col("day"))).as("first_purchase"),
                        functions.max(when(col("purchase"), col("day"))).as("last_purchase"),
                        functions.min("day").as("first_line"),
                        functions.max("day").as("last_line"))
                .cache();
        try {
            long count = pairs.count();
            if (count > maxPairs) {
                throw new MemoryLimitException("the " + count + " (customer, product) pairs of these lines are more"
                        + " than the " + maxPairs + " the Spark driver collects to fit --recommender (set"
                        + " spark.retailseg.maxBasketPairs and the driver's memory to allow more, about 30 bytes"
                        + " a pair), or use --recommender segment-best-sellers, which runs on the executors");
            }
            Basket[] baskets = new Basket[customerIds.length];
            Iterator<Row> rows = pairs.orderBy(SparkIngest.CUSTOMER_ID).toLocalIterator();
            List<Row> customer = new ArrayList<>();
            long current = Long.MIN_VALUE;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.getLong(0) != current && !customer.isEmpty()) {
                    put(baskets, customerIds, current, basket(customer, catalogue));
                    customer.clear();
                }
                current = r.getLong(0);
                customer.add(r);
            }
            if (!customer.isEmpty()) {
                put(baskets, customerIds, current, basket(customer, catalogue));
            }
            for (int c = 0; c < baskets.length; c++) {
                if (baskets[c] == null) {
                    throw new IllegalStateException("customer " + customerIds[c] + " has features but no basket");
                }
            }
            return new Result(catalogue, baskets);
        } finally {
            pairs.unpersist();
        }
    }

    /** Every stock code of the lines, sorted as Java sorts text (the core's order), with its most frequent description. */
    static Catalogue catalogue(Dataset<Row> cleaned) {
        List<Row> rows = new ArrayList<>(SparkRecommend.descriptions(cleaned).collectAsList());
        rows.sort((a, b) -> a.getString(0).compareTo(b.getString(0)));
        return new Catalogue(rows.stream().map(r -> r.getString(0)).toList(),
                rows.stream().map(r -> r.getString(1)).toList());
    }

    private static void put(Basket[] baskets, long[] customerIds, long id, Basket basket) {
        int c = Arrays.binarySearch(customerIds, id);
        if (c < 0) {
            throw new IllegalStateException("customer " + id + " has lines but no features");
        }
        baskets[c] = basket;
    }

    /** As the core's {@code Basket.build}, from one customer's (customer, product) rows. */
    private static Basket basket(List<Row> rows, Catalogue catalogue) {
        int n = rows.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) catalogue.indexOf(rows.get(i).getString(1)) << 32) | i;
        }
        Arrays.sort(keys);
        int[] products = new int[n];
        int[] orders = new int[n];
        int[] lines = new int[n];
        int[] first = new int[n];
        int[] last = new int[n];
        long customerLast = Long.MIN_VALUE;
        long customerAnyLast = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            Row r = rows.get((int) keys[k]);
            products[k] = (int) (keys[k] >>> 32);
            lines[k] = (int) r.getLong(2);
            orders[k] = (int) r.getLong(3);
            boolean bought = orders[k] > 0;
            first[k] = Math.toIntExact(bought ? r.getLong(4) : r.getLong(6));
            last[k] = Math.toIntExact(bought ? r.getLong(5) : r.getLong(7));
            if (bought) {
                customerLast = Math.max(customerLast, r.getLong(5));
            }
            customerAnyLast = Math.max(customerAnyLast, r.getLong(7));
        }
        long customerLastDay = customerLast != Long.MIN_VALUE ? customerLast
                : customerAnyLast != Long.MIN_VALUE ? customerAnyLast : 0;
        return new Basket(products, orders, lines, first, last, customerLastDay);
    }
}
