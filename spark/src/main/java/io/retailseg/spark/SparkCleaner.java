package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;

import io.retailseg.clean.Cleaner;
import io.retailseg.clean.CleaningReport;
import io.retailseg.clean.CleaningStep;
import io.retailseg.domain.BadLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * SPEC section 1 as DataFrame operations, step by step in the core's order and with the core's step
 * names and counts ({@link Cleaner}): missing values, exact duplicates, anomalous stock codes, service
 * lines (then Description upper-cased), non-positive prices. Cancellations are counted and kept.
 * Every count is a Spark job over the lines; none depends on the order of the lines.
 */
public final class SparkCleaner {
    /** Service-line descriptions, compared before upper-casing (the core's list). */
    private static final List<String> SERVICE_DESCRIPTIONS = List.of("Next Day Carriage", "High Resolution Image");
    /** A stock code with at most this many digit characters is anomalous (SPEC 1.4). */
    private static final int MAX_ANOMALOUS_DIGITS = 1;

    private SparkCleaner() {
    }

    /** The kept lines (cached, Description upper-cased) and the report. */
    public record Result(Dataset<Row> lines, CleaningReport report) {
    }

    public static Result clean(SparkIngest.Lines read) {
        Dataset<Row> lines = read.lines();
        long rowsIn = read.count();
        List<CleaningStep> steps = new ArrayList<>();

        // not cached: a filter over the cached lines costs less than caching its result again
        Dataset<Row> step1 = lines.filter(col(SparkIngest.CUSTOMER_ID).isNotNull()
                .and(col(SparkIngest.DESCRIPTION).isNotNull()));
        long kept1 = step1.count();
        steps.add(new CleaningStep(Cleaner.MISSING_VALUES, rowsIn - kept1, "lines without CustomerID or Description"));

        // all eight columns (UnitPrice with -0.0 already read as 0.0): one line of each group is kept,
        // and the lines of a group are equal, so which one does not matter
        Dataset<Row> step2 = step1.dropDuplicates().persist(StorageLevel.MEMORY_AND_DISK());
        long kept2 = step2.count();
        steps.add(new CleaningStep(Cleaner.DUPLICATES, kept1 - kept2,
                "lines repeating an earlier line in all 8 columns"));
        long cancelled = step2.filter(col(SparkIngest.INVOICE).startsWith("C")).count();

        UserDefinedFunction digits = functions.udf((UDF1<String, Integer>) SparkCleaner::digitCount,
                DataTypes.IntegerType);
        Dataset<Row> anomalous = step2.select(SparkIngest.STOCK_CODE).distinct()
                .filter(digits.apply(col(SparkIngest.STOCK_CODE)).leq(MAX_ANOMALOUS_DIGITS));
        List<String> anomalousCodes = new ArrayList<>();
        for (Row r : anomalous.collectAsList()) {
            anomalousCodes.add(r.getString(0));
        }
        anomalousCodes.sort(null);
        Dataset<Row> step3 = step2.filter(digits.apply(col(SparkIngest.STOCK_CODE)).gt(MAX_ANOMALOUS_DIGITS));
        long kept3 = step3.count();
        steps.add(new CleaningStep(Cleaner.ANOMALOUS_STOCK_CODES, kept2 - kept3,
                "lines whose StockCode has 0 or 1 digits (service codes such as POST, M, BANK CHARGES)"));

        Dataset<Row> step4 = step3.filter(functions.not(col(SparkIngest.DESCRIPTION)
                .isin(SERVICE_DESCRIPTIONS.toArray())));
        long kept4 = step4.count();
        steps.add(new CleaningStep(Cleaner.SERVICE_LINES, kept3 - kept4,
                "service lines described as " + String.join(" or ", SERVICE_DESCRIPTIONS)));

        UserDefinedFunction upper = functions.udf((UDF1<String, String>) s -> s.toUpperCase(Locale.ROOT),
                DataTypes.StringType);
        Dataset<Row> step5 = step4.filter(col(SparkIngest.UNIT_PRICE).gt(0))
                .withColumn(SparkIngest.DESCRIPTION, upper.apply(col(SparkIngest.DESCRIPTION)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long kept5 = step5.count();
        step2.unpersist();
        steps.add(new CleaningStep(Cleaner.NON_POSITIVE_PRICE, kept4 - kept5, "lines with UnitPrice <= 0"));

        BadLines skipped = read.skipped();
        return new Result(step5, new CleaningReport(rowsIn, steps, kept5, cancelled, anomalousCodes, skipped));
    }

    /** Digit characters in {@code s}, by {@link Character#isDigit(char)} as the core counts them. */
    static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
