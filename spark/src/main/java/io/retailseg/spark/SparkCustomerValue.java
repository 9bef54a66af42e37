package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.retailseg.clv.CustomerValues;
import io.retailseg.clv.RepeatHistories;
import io.retailseg.clv.RepeatHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Customer value (BG/NBD and Gamma-Gamma, docs/definitions.md section 9) on Spark. Each customer's repeat
 * history (purchase days after the first, recency, age, mean repeat spend) is computed on the executors from
 * their purchase lines by the core's {@link RepeatHistories#history}, which sorts a customer's lines before
 * summing, so the histories are the local engine's bits whatever the partitioning. The driver receives one
 * small record per customer, fits both models with the core's {@code CustomerValueModel} (a few seconds for
 * a million customers, docs/benchmarks.md) and predicts every customer: the driver's share grows with
 * customers, never with lines.
 */
final class SparkCustomerValue {
    private static final StructType HISTORY = new StructType()
            .add(SparkIngest.CUSTOMER_ID, DataTypes.LongType)
            .add("frequency", DataTypes.IntegerType)
            .add("recency", DataTypes.DoubleType)
            .add("age", DataTypes.DoubleType)
            .add("mean_repeat_spend", DataTypes.DoubleType);

    private SparkCustomerValue() {
    }

    /**
     * The models fitted on the cleaned lines observed to {@code endDay}, and their predictions for
     * {@code customerIds} (in that order).
     */
    static CustomerValues.Estimate estimate(Dataset<Row> cleaned, long[] customerIds, long endDay, int horizonDays,
                                            double annualDiscountRate) {
        return CustomerValues.estimate(histories(cleaned, endDay), customerIds, endDay, horizonDays,
                annualDiscountRate);
    }

    /** Every customer with a purchase line (not of a cancelled invoice, positive quantity), ascending id. */
    static RepeatHistories.Result histories(Dataset<Row> cleaned, long endDay) {
        Dataset<Row> purchases = cleaned
                .filter(SparkFeatures.purchase())
                .select(col(SparkIngest.CUSTOMER_ID), SparkFeatures.day().as("day"),
                        expr("CAST(" + SparkIngest.QUANTITY + " AS DOUBLE) * " + SparkIngest.UNIT_PRICE).as("amount"))
                .groupBy(SparkIngest.CUSTOMER_ID)
                .agg(functions.collect_list(functions.struct(col("day"), col("amount"))).as("lines"));
        MapFunction<Row, Row> history = r -> {
            long id = r.getLong(0);
            List<Row> lines = r.getList(1);
            long[] d = new long[lines.size()];
            double[] a = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = lines.get(i).getLong(0);
                a[i] = lines.get(i).getDouble(1);
            }
            RepeatHistory h = RepeatHistories.history(id, d, a, endDay, false);
            return RowFactory.create(id, h.frequency(), h.recency(), h.age(), h.meanRepeatSpend());
        };
        List<Row> rows = purchases.map(history, Encoders.row(HISTORY)).orderBy(SparkIngest.CUSTOMER_ID)
                .collectAsList();
        long[] ids = new long[rows.size()];
        List<RepeatHistory> out = new ArrayList<>(rows.size());
        for (int i = 0; i < ids.length; i++) {
            Row r = rows.get(i);
            ids[i] = r.getLong(0);
            out.add(new RepeatHistory(r.getInt(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)));
        }
        return new RepeatHistories.Result(ids, List.copyOf(out));
    }
}
