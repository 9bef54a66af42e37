package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The 15 features of SPEC section 2 as Spark SQL over the cleaned lines, one row per customer, every
 * customer kept, with the core's arithmetic ({@link io.retailseg.features.FeatureExtractor}) so the
 * values are equal to the last bit:
 * <ul>
 * <li>sums of spend are compensated (Kahan) over the terms sorted ascending ({@code array_sort} then
 * {@code aggregate}), as the core sums them, so no partitioning or line order changes a bit;</li>
 * <li>modes (Day_Of_Week, Hour) take the largest count, ties the smallest value; the main country takes
 * the largest count, ties the alphabetically first (by code points; the core compares Java strings,
 * the same order for any country name without characters beyond U+FFFF);</li>
 * <li>monthly statistics run over the months the customer bought in, in calendar order: the mean
 * compensated, the sample deviation two-pass, the slope against 0, 1, 2, ... as the core computes it.</li>
 * </ul>
 * Line-bound work (a shuffle by customer); what reaches the driver is one row per customer.
 */
public final class SparkFeatures {
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int SECONDS_PER_HOUR = 3_600;

    /** Kahan summation of an array of doubles, in the array's order (the core's {@code KahanSum}). */
    private static String kahan(String array) {
        return "aggregate(" + array + ", named_struct('s', 0D, 'c', 0D), "
                + "(a, x) -> named_struct('s', a.s + (x - a.c), 'c', ((a.s + (x - a.c)) - a.s) - (x - a.c)), "
                + "a -> a.s)";
    }

    private SparkFeatures() {
    }

    /** The columns of {@link #compute}: CustomerID (long), then every feature under its column name (double). */
    public static Dataset<Row> compute(Dataset<Row> cleaned, long referenceDay) {
        Dataset<Row> lines = cleaned.select(
                col(SparkIngest.CUSTOMER_ID).as("cust"),
                col(SparkIngest.INVOICE).as("inv"),
                col(SparkIngest.STOCK_CODE).as("stock"),
                col(SparkIngest.COUNTRY).as("country"),
                col(SparkIngest.QUANTITY).as("qty"),
                expr("CAST(" + SparkIngest.QUANTITY + " AS DOUBLE) * " + SparkIngest.UNIT_PRICE).as("spend"),
                day().as("day"),
                expr("CAST(pmod(" + SparkIngest.EPOCH_SECOND + ", " + SECONDS_PER_DAY + "L) DIV "
                        + SECONDS_PER_HOUR + " AS INT)").as("hour"))
                .withColumn("dow", expr("CAST(pmod(day + 3, 7L) AS INT)")) // Monday = 0; 1970-01-01 was a Thursday
                .withColumn("month", expr("year(date_from_unix_date(CAST(day AS INT))) * 12"
                        + " + month(date_from_unix_date(CAST(day AS INT))) - 1"));

        // distinct counts as the size of a set, not countDistinct: beside collect_list, Spark rewrites four
        // countDistinct into an Expand that repeats every line five times and sorts them by string keys (48 s
        // against 8 s for this aggregation on 10 M lines, local[2]; docs/benchmarks.md). Both ignore nulls.
        Dataset<Row> base = lines.groupBy("cust").agg(
                functions.max("day").as("last_day"),
                functions.min("day").as("first_day"),
                distinctCount("day").as("days"),
                distinctCount("inv").as("transactions"),
                distinctCount("CASE WHEN inv LIKE 'C%' THEN inv END").as("cancellations"),
                functions.sum("qty").as("quantity"),
                expr(kahan("array_sort(collect_list(spend))")).as("spend"),
                distinctCount("stock").as("products"));

        Dataset<Row> dow = mode(lines, "dow");
        Dataset<Row> hour = mode(lines, "hour");
        Dataset<Row> country = lines.groupBy("cust", "country").count()
                .groupBy("cust").agg(expr("min(named_struct('n', -`count`, 'v', country)).v").as("main_country"));

        Dataset<Row> monthly = lines.groupBy("cust", "month")
                .agg(expr(kahan("array_sort(collect_list(spend))")).as("m_spend"))
                .groupBy("cust")
                .agg(expr("transform(array_sort(collect_list(named_struct('m', month, 'v', m_spend))), x -> x.v)")
                        .as("ms"))
                .withColumn("n", expr("size(ms)"))
                .withColumn("m_mean", expr(kahan("ms") + " / n"))
                .withColumn("m_std", expr("CASE WHEN n < 2 THEN 0D ELSE sqrt(aggregate(ms, 0D,"
                        + " (a, v) -> a + (v - m_mean) * (v - m_mean)) / (n - 1)) END"))
                .withColumn("m_trend", expr("CASE WHEN n < 2 THEN 0D ELSE"
                        + " aggregate(sequence(0, n - 1), named_struct('xy', 0D, 'xx', 0D),"
                        + " (a, i) -> named_struct('xy', a.xy + (i - (n - 1) / 2.0D) * (ms[i] - m_mean),"
                        + " 'xx', a.xx + (i - (n - 1) / 2.0D) * (i - (n - 1) / 2.0D)), a -> a.xy / a.xx) END"))
                .select("cust", "m_mean", "m_std", "m_trend");

        Dataset<Row> all = base.join(dow, "cust").join(hour, "cust").join(country, "cust").join(monthly, "cust");
        return all.select(
                col("cust").as(SparkIngest.CUSTOMER_ID),
                expr(referenceDay + "L - last_day").cast("double").as(Feature.DAYS_SINCE_LAST_PURCHASE.columnName()),
                col("transactions").cast("double").as(Feature.TOTAL_TRANSACTIONS.columnName()),
                col("quantity").cast("double").as(Feature.TOTAL_PRODUCTS_PURCHASED.columnName()),
                col("spend").as(Feature.TOTAL_SPEND.columnName()),
                expr("spend / transactions").as(Feature.AVERAGE_TRANSACTION_VALUE.columnName()),
                col("products").cast("double").as(Feature.UNIQUE_PRODUCTS_PURCHASED.columnName()),
                expr("CASE WHEN days <= 1 THEN 0D ELSE CAST(last_day - first_day AS DOUBLE) / (days - 1) END")
                        .as(Feature.AVERAGE_DAYS_BETWEEN_PURCHASES.columnName()),
                col("dow_mode").cast("double").as(Feature.DAY_OF_WEEK.columnName()),
                col("hour_mode").cast("double").as(Feature.HOUR.columnName()),
                expr("CASE WHEN main_country = 'United Kingdom' THEN 1D ELSE 0D END")
                        .as(Feature.IS_UK.columnName()),
                col("cancellations").cast("double").as(Feature.CANCELLATION_FREQUENCY.columnName()),
                expr("CAST(cancellations AS DOUBLE) / transactions").as(Feature.CANCELLATION_RATE.columnName()),
                col("m_mean").as(Feature.MONTHLY_SPENDING_MEAN.columnName()),
                col("m_std").as(Feature.MONTHLY_SPENDING_STD.columnName()),
                col("m_trend").as(Feature.SPENDING_TREND.columnName()));
    }

    /** A line's epoch day (long), as the core's {@code Transactions.epochDay}. */
    static Column day() {
        return expr("CAST(floor(" + SparkIngest.EPOCH_SECOND + " / " + SECONDS_PER_DAY + "D) AS BIGINT)");
    }

    /**
     * Whether a line is a purchase, as the core's customer value and baskets count them: not of a cancelled
     * invoice (InvoiceNo starting with C) and a positive quantity.
     */
    static Column purchase() {
        return col(SparkIngest.INVOICE).startsWith("C").unary_$bang().and(col(SparkIngest.QUANTITY).gt(0));
    }

    /** The latest day (epoch day) of the cleaned lines: "the last day" of SPEC section 2. */
    public static long lastDay(Dataset<Row> cleaned) {
        Row r = cleaned.agg(functions.max(SparkIngest.EPOCH_SECOND)).first();
        return Math.floorDiv(r.getLong(0), SECONDS_PER_DAY);
    }

    /** The number of distinct non-null values of {@code expression} in a group. */
    private static Column distinctCount(String expression) {
        return expr("size(collect_set(" + expression + "))");
    }

    /** The most frequent value of {@code column} per customer; ties go to the smallest value. */
    private static Dataset<Row> mode(Dataset<Row> lines, String column) {
        return lines.groupBy("cust", column).count()
                .groupBy("cust").agg(expr("min(named_struct('n', -`count`, 'v', " + column + ")).v")
                        .as(column + "_mode"));
    }

    /** The feature rows collected on the driver in ascending CustomerID: one row per customer. */
    public static CustomerTable collect(Dataset<Row> features) {
        List<Row> rows = features.orderBy(SparkIngest.CUSTOMER_ID).collectAsList();
        long[] ids = new long[rows.size()];
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ids[i] = r.getLong(0);
            double[] f = new double[Feature.COUNT];
            for (int j = 0; j < Feature.COUNT; j++) {
                f[j] = r.getDouble(j + 1);
            }
            values[i] = f;
        }
        return new CustomerTable(ids, values);
    }
}
