package io.retailseg.parquet;

import io.retailseg.domain.Column;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.pipeline.RunResult;
import io.retailseg.publish.OutputFolder;
import io.retailseg.publish.RunWriter;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet files the local engine writes: transaction lines ({@code generate --format parquet})
 * and a run's three tables ({@code run --parquet}), next to the CSVs in the same run folder.
 *
 * <p>The tables have the CSVs' columns under the same names ({@link RunFolderLayout}): ids, codes and
 * text as UTF-8 strings (CustomerID too, as in the CSV), Segment and Rank as INT32 (Segment null for an
 * outlier), Is_Outlier as BOOLEAN, every other number as DOUBLE (null where the CSV field is empty:
 * an outlier's PCs, a non-finite value). Issue 13 sets the same schema for the Spark engine's tables
 * (folders of part files there, one file here), so either engine's tables are read the same way. The doubles are the values themselves, not the CSV's rounded text.
 */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /** The schema of transaction lines as {@link #writeLines} writes them (the Online Retail names). */
    static MessageType linesSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(Column.INVOICE_NO.canonicalName())
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(Column.STOCK_CODE.canonicalName())
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(Column.DESCRIPTION.canonicalName())
                .required(PrimitiveTypeName.INT32).named(Column.QUANTITY.canonicalName())
                .required(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(Column.INVOICE_DATE.canonicalName())
                .required(PrimitiveTypeName.DOUBLE).named(Column.UNIT_PRICE.canonicalName())
                .optional(PrimitiveTypeName.INT64).named(Column.CUSTOMER_ID.canonicalName())
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(Column.COUNTRY.canonicalName())
                .named("transactions");
    }

    /**
     * Writes {@code lines} as Parquet (Online Retail column names; InvoiceDate a TIMESTAMP in
     * milliseconds, not adjusted to UTC; a missing Description or CustomerID null), so that reading the
     * file back gives the same lines.
     */
    public static void writeLines(Transactions lines, Path file) throws IOException {
        RowWriter.write(file, linesSchema(), lines.size(), (row, out) -> {
            int r = (int) row;
            long customer = lines.customerId(r);
            out.string(lines.invoiceText(r))
                    .string(lines.stockCodeText(r))
                    .string(lines.descriptionText(r))
                    .int32(lines.quantity(r))
                    .int64(lines.epochSecond(r) * 1_000L)
                    .float64(lines.unitPrice(r));
            if (customer == Transactions.MISSING_CUSTOMER) {
                out.nothing();
            } else {
                out.int64(customer);
            }
            out.string(lines.countryText(r));
        });
    }

    /** The schema of {@code customers.parquet} for a model of {@code components} principal components. */
    static MessageType customersSchema(int components) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunFolderLayout.CUSTOMER_ID);
        for (Feature f : Feature.values()) {
            b.optional(PrimitiveTypeName.DOUBLE).named(f.columnName());
        }
        b.required(PrimitiveTypeName.BOOLEAN).named(RunFolderLayout.IS_OUTLIER);
        b.optional(PrimitiveTypeName.INT32).named(RunFolderLayout.SEGMENT);
        for (int c = 1; c <= components; c++) {
            b.optional(PrimitiveTypeName.DOUBLE).named(RunFolderLayout.PC_PREFIX + c);
        }
        for (String column : RunFolderLayout.VALUE_COLUMNS) {
            b.optional(PrimitiveTypeName.DOUBLE).named(column);
        }
        return b.named("customers");
    }

    /** Writes {@code customers.parquet}: the rows of {@code customers.csv}. */
    public static void writeCustomers(RunCsv.CustomerRows rows, Path file) throws IOException {
        int components = rows.components();
        RowWriter.write(file, customersSchema(components), rows.size(), (row, out) -> {
            int i = (int) row;
            out.string(Long.toString(rows.id(i)));
            for (Feature f : Feature.values()) {
                out.float64(rows.feature(i, f));
            }
            out.bool(rows.outlier(i));
            int segment = rows.segment(i);
            if (segment < 0) {
                out.nothing();
            } else {
                out.int32(segment);
            }
            for (int c = 0; c < components; c++) {
                out.float64(rows.pc(i, c));
            }
            // the customer's value, null where the run's models say nothing (an empty field of customers.csv)
            io.retailseg.clv.CustomerValueModel.Prediction v = rows.value(i);
            for (double x : v.values()) {
                if (Double.isNaN(x)) {
                    out.nothing();
                } else {
                    out.float64(x);
                }
            }
        });
    }

    static MessageType topProductsSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.INT32).named(RunFolderLayout.SEGMENT)
                .required(PrimitiveTypeName.INT32).named(RunFolderLayout.RANK)
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunFolderLayout.STOCK_CODE)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(RunFolderLayout.DESCRIPTION)
                .required(PrimitiveTypeName.DOUBLE).named(RunFolderLayout.QUANTITY)
                .named("top_products");
    }

    /** Writes {@code top_products.parquet}: the rows of {@code top_products.csv}. */
    public static void writeTopProducts(List<TopProduct> products, Path file) throws IOException {
        RowWriter.write(file, topProductsSchema(), products.size(), (row, out) -> {
            TopProduct p = products.get((int) row);
            out.int32(p.segment()).int32(p.rank()).string(p.stockCode()).string(p.description())
                    .float64(p.quantity());
        });
    }

    static MessageType recommendationsSchema() {
        return Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunFolderLayout.CUSTOMER_ID)
                .required(PrimitiveTypeName.INT32).named(RunFolderLayout.SEGMENT)
                .required(PrimitiveTypeName.INT32).named(RunFolderLayout.RANK)
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunFolderLayout.STOCK_CODE)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(RunFolderLayout.DESCRIPTION)
                .optional(PrimitiveTypeName.DOUBLE).named(RunFolderLayout.SCORE)
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(RunFolderLayout.REASON)
                .named("recommendations");
    }

    /** Writes {@code recommendations.parquet}: the rows of {@code recommendations.csv}. */
    public static void writeRecommendations(List<Recommendation> recommendations, Path file) throws IOException {
        RowWriter.write(file, recommendationsSchema(), recommendations.size(), (row, out) -> {
            Recommendation r = recommendations.get((int) row);
            out.string(Long.toString(r.customerId())).int32(r.segment()).int32(r.rank()).string(r.stockCode())
                    .string(r.description()).float64(r.score()).string(r.reason());
        });
    }

    /**
     * Adds the run's three tables as Parquet to {@code out}, next to the CSVs {@link RunWriter#files}
     * adds, so they are committed in the same atomic swap.
     */
    public static OutputFolder addTables(OutputFolder out, RunResult result) {
        return out
                .add(RunFolderLayout.CUSTOMERS_PARQUET, file -> writeCustomers(RunWriter.customerRows(result), file))
                .add(RunFolderLayout.TOP_PRODUCTS_PARQUET, file -> writeTopProducts(result.topProducts(), file))
                .add(RunFolderLayout.RECOMMENDATIONS_PARQUET,
                        file -> writeRecommendations(result.recommendations(), file));
    }
}
