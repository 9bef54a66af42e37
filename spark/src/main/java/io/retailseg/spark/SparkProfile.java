package io.retailseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.retailseg.domain.Column;
import io.retailseg.explore.DataProfile;
import io.retailseg.explore.DataProfiler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The data profile of {@code data_profile.json} ({@link DataProfiler}'s definitions) as Spark aggregates:
 * counts are exact; sums of money are Spark's sums, equal to the core's up to rounding in the last digits
 * (their order of addition differs).
 */
final class SparkProfile {
    private static final String SPEND = "CAST(Quantity AS DOUBLE) * UnitPrice";

    private SparkProfile() {
    }

    static DataProfile of(Dataset<Row> raw, long rowsRead, Dataset<Row> clean, long cleanedLines) {
        Row missing = raw.agg(
                functions.sum(expr("CASE WHEN Description IS NULL THEN 1 ELSE 0 END")),
                functions.sum(expr("CASE WHEN CustomerID IS NULL THEN 1 ELSE 0 END")),
                functions.sum(expr("CASE WHEN trim(Country) = '' THEN 1 ELSE 0 END"))).first();
        List<DataProfile.ColumnMissing> missingList = new ArrayList<>();
        for (Column c : Column.values()) {
            long n = switch (c) {
                case DESCRIPTION -> missing.isNullAt(0) ? 0 : missing.getLong(0);
                case CUSTOMER_ID -> missing.isNullAt(1) ? 0 : missing.getLong(1);
                case COUNTRY -> missing.isNullAt(2) ? 0 : missing.getLong(2);
                default -> 0; // InvoiceNo, StockCode: a blank one is a bad line; numbers and dates always parse
            };
            missingList.add(new DataProfile.ColumnMissing(c.canonicalName(), n));
        }
        if (cleanedLines == 0) {
            return new DataProfile(rowsRead, missingList, 0, "", "",
                    new DataProfile.Cancellations(0, 0, 0, 0, 0, 0), List.of(), List.of(), List.of());
        }
        Dataset<Row> lines = clean.withColumn("cancel", expr("InvoiceNo LIKE 'C%'"))
                .withColumn("day", expr("CAST(floor(EpochSecond / 86400D) AS BIGINT)"));
        Row c = lines.agg(
                functions.min("day"), functions.max("day"),
                functions.sum(expr("CASE WHEN cancel THEN 1 ELSE 0 END")),
                functions.countDistinct(col("InvoiceNo")),
                functions.countDistinct(expr("CASE WHEN cancel THEN InvoiceNo END")),
                functions.sum(expr("CASE WHEN cancel THEN 0D ELSE " + SPEND + " END")),
                functions.sum(expr("CASE WHEN cancel THEN " + SPEND + " ELSE 0D END"))).first();
        DataProfile.Cancellations cancellations = new DataProfile.Cancellations(cleanedLines, c.getLong(2),
                c.getLong(3), c.getLong(4), c.getDouble(5), -c.getDouble(6));
        List<DataProfile.CountryCount> countries = new ArrayList<>();
        for (Row r : lines.groupBy("Country").agg(functions.count("*").as("n"),
                functions.countDistinct(col("CustomerID"))).orderBy(col("n").desc(), col("Country").asc())
                .collectAsList()) {
            countries.add(new DataProfile.CountryCount(r.getString(0), r.getLong(1), r.getLong(2)));
        }
        Dataset<Row> descriptions = lines.groupBy("StockCode", "Description").count().groupBy("StockCode")
                .agg(expr("min(named_struct('n', -`count`, 'd', Description)).d").as("Description"));
        List<DataProfile.StockCodeCount> stock = new ArrayList<>();
        for (Row r : lines.groupBy("StockCode").agg(functions.count("*").as("n"), functions.sum("Quantity"))
                .orderBy(col("n").desc(), col("StockCode").asc()).limit(DataProfiler.TOP_STOCK_CODES)
                .join(descriptions, "StockCode").orderBy(col("n").desc(), col("StockCode").asc()).collectAsList()) {
            stock.add(new DataProfile.StockCodeCount(r.getString(0), r.getString(3), r.getLong(1), r.getLong(2)));
        }
        List<DataProfile.MonthRevenue> months = new ArrayList<>();
        for (Row r : lines.withColumn("month", expr("date_format(date_from_unix_date(CAST(day AS INT)), 'yyyy-MM')"))
                .groupBy("month").agg(functions.sum(expr(SPEND)), functions.count("*"),
                        functions.countDistinct(col("InvoiceNo")), functions.countDistinct(col("CustomerID")))
                .orderBy("month").collectAsList()) {
            months.add(new DataProfile.MonthRevenue(r.getString(0), r.getDouble(1), r.getLong(2), r.getLong(3),
                    r.getLong(4)));
        }
        return new DataProfile(rowsRead, missingList, cleanedLines, LocalDate.ofEpochDay(c.getLong(0)).toString(),
                LocalDate.ofEpochDay(c.getLong(1)).toString(), cancellations, countries, stock, months);
    }
}
