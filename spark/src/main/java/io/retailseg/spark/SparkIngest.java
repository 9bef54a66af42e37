package io.retailseg.spark;

import io.retailseg.InputException;
import io.retailseg.domain.BadLines;
import io.retailseg.domain.Column;
import io.retailseg.io.BadLinePolicy;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.LineFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads transaction lines with Spark's own readers (CSV plain or compressed, Parquet, JDBC) and decodes
 * every line on the executors by the core's field rules ({@link LineFields}): the same header
 * recognition, column mapping, number and date rules and bad-line policy as the local engine. A value
 * that does not parse is never turned into a null: the line is bad, and by the policy the run stops
 * with the core's one-line error or the line is skipped and counted by reason.
 *
 * <p>Spark's CSV reader gives no line numbers, so an error names the file and the field but not the
 * line; a line with fewer fields than the header reads its missing fields as empty (the core reports
 * a field-count error), a line with more has the extra fields dropped.
 */
public final class SparkIngest {
    /** Columns of the decoded lines, in this order. */
    public static final String INVOICE = "InvoiceNo";
    public static final String STOCK_CODE = "StockCode";
    public static final String DESCRIPTION = "Description";
    public static final String QUANTITY = "Quantity";
    public static final String EPOCH_SECOND = "EpochSecond";
    public static final String UNIT_PRICE = "UnitPrice";
    public static final String CUSTOMER_ID = "CustomerID";
    public static final String COUNTRY = "Country";
    /**
     * Bytes of the first file the driver reads to find its first non-ASCII character: a file whose first
     * 256 MiB are ASCII is read as UTF-8 (the local engine reads on and would see a later ISO-8859-1 byte;
     * give {@code --encoding} for such a file).
     */
    static final long ENCODING_SCAN_BYTES = 256L << 20;
    private static final String BAD_REASON = "_bad_reason";
    private static final String BAD_FIELD = "_bad_field";
    private static final String BAD_PROBLEM = "_bad_problem";
    private static final String FILE = "_file";

    static final StructType DECODED = new StructType(new StructField[] {
        DataTypes.createStructField(INVOICE, DataTypes.StringType, true),
        DataTypes.createStructField(STOCK_CODE, DataTypes.StringType, true),
        DataTypes.createStructField(DESCRIPTION, DataTypes.StringType, true),
        DataTypes.createStructField(QUANTITY, DataTypes.IntegerType, true),
        DataTypes.createStructField(EPOCH_SECOND, DataTypes.LongType, true),
        DataTypes.createStructField(UNIT_PRICE, DataTypes.DoubleType, true),
        DataTypes.createStructField(CUSTOMER_ID, DataTypes.LongType, true),
        DataTypes.createStructField(COUNTRY, DataTypes.StringType, true),
        DataTypes.createStructField(BAD_REASON, DataTypes.StringType, true),
        DataTypes.createStructField(BAD_FIELD, DataTypes.StringType, true),
        DataTypes.createStructField(BAD_PROBLEM, DataTypes.StringType, true),
        DataTypes.createStructField(FILE, DataTypes.StringType, true),
    });

    private SparkIngest() {
    }

    /** Where lines come from. */
    public sealed interface Source permits Files, Jdbc {
        /** The name used in messages and in {@code summary.json}. */
        String name();
    }

    /**
     * Files Spark reads: a path or URI (a file, a folder or a glob; {@code s3a://}, {@code hdfs://} ...).
     * Parquet when {@code parquet} is true, else CSV (compression from the file name, as Hadoop does).
     */
    public record Files(String path, boolean parquet) implements Source {
        /** Parquet when the path ends in {@code .parquet} (a file or Spark's folder of parts), else CSV. */
        public static Files of(String path) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return new Files(path, p.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet"));
        }

        @Override
        public String name() {
            return path;
        }
    }

    /** A table or a query over JDBC ({@code jdbc:postgresql://...}); credentials in {@code properties}. */
    public record Jdbc(String url, Optional<String> table, Optional<String> query, Properties properties)
            implements Source {
        @Override
        public String name() {
            return url.replaceAll("\\?.*", "") + table.map(t -> " table " + t).orElse(" query");
        }
    }

    /**
     * The decoded good lines (cached; columns {@link #INVOICE} ... {@link #COUNTRY}, Description and
     * CustomerID null when missing) and the lines skipped.
     */
    public record Lines(Dataset<Row> lines, long count, BadLines skipped) {
    }

    /**
     * Reads and decodes {@code source}.
     *
     * @throws InputException on a missing column, or (policy {@link BadLinePolicy#ERROR}) the first bad line
     */
    public static Lines read(SparkSession spark, Source source, IngestOptions options) {
        Dataset<Row> raw = rawColumns(spark, source, options);
        Optional<String> datePattern = options.dateFormat();
        Dataset<Row> decoded = raw.mapPartitions(decoder(datePattern), Encoders.row(DECODED))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> bad = decoded.filter(functions.col(BAD_REASON).isNotNull());
        List<Row> perReason = bad.groupBy(BAD_REASON).count().collectAsList();
        BadLines skipped = BadLines.NONE;
        if (!perReason.isEmpty()) {
            if (options.onBadLines() == BadLinePolicy.ERROR) {
                Row first = bad.orderBy(FILE).limit(1).collectAsList().get(0);
                throw new LineFields.Bad(BadLines.Reason.valueOf(first.getString(8)), first.getString(9),
                        first.getString(10)).error(first.getString(11), 0);
            }
            skipped = badLines(perReason, bad);
        }
        Dataset<Row> good = decoded.filter(functions.col(BAD_REASON).isNull())
                .drop(BAD_REASON, BAD_FIELD, BAD_PROBLEM, FILE);
        long count = good.count();
        return new Lines(good, count, skipped);
    }

    /** Counts per reason and the first {@value BadLines#FIRST} bad lines with their message (line 0: not known). */
    private static BadLines badLines(List<Row> perReason, Dataset<Row> bad) {
        Map<BadLines.Reason, Long> byReason = new EnumMap<>(BadLines.Reason.class);
        long total = 0;
        for (Row r : perReason) {
            byReason.put(BadLines.Reason.valueOf(r.getString(0)), r.getLong(1));
            total += r.getLong(1);
        }
        List<BadLines.Line> first = new ArrayList<>();
        for (Row r : bad.orderBy(FILE).limit(BadLines.FIRST).collectAsList()) {
            BadLines.Reason reason = BadLines.Reason.valueOf(r.getString(8));
            first.add(new BadLines.Line(0, reason,
                    new LineFields.Bad(reason, r.getString(9), r.getString(10)).error(r.getString(11), 0).getMessage()));
        }
        return new BadLines(total, byReason, first);
    }

    private static MapPartitionsFunction<Row, Row> decoder(Optional<String> datePattern) {
        String pattern = datePattern.orElse(null);
        return rows -> {
            LineFields fields = LineFields.of(Optional.ofNullable(pattern));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    LineFields.Decoded d = fields.decode(r.getString(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7));
                    String file = r.getString(8);
                    if (d instanceof LineFields.Line l) {
                        return RowFactory.create(l.invoiceNo(), l.stockCode(), l.description().orElse(null),
                                l.quantity(), l.epochSecond(), l.unitPrice() + 0.0, // -0.0 read as 0.0, as pandas
                                l.customerId() == io.retailseg.domain.Transactions.MISSING_CUSTOMER
                                        ? null : l.customerId(),
                                l.country(), null, null, null, file);
                    }
                    LineFields.Bad b = (LineFields.Bad) d;
                    return RowFactory.create(null, null, null, null, null, null, null, null,
                            b.reason().name(), b.field(), b.problem(), file);
                }
            };
        };
    }

    /** The eight columns as text in {@link Column} order, then the file name. */
    static Dataset<Row> rawColumns(SparkSession spark, Source source, IngestOptions options) {
        Dataset<Row> table;
        List<String> header;
        String name = source.name();
        if (source instanceof Files f && !f.parquet()) {
            Charset charset = options.encoding().orElseGet(() -> detectEncoding(spark, f.path()));
            List<Row> first = csv(spark, charset).option("header", "false").csv(f.path()).limit(1).collectAsList();
            if (first.isEmpty()) {
                throw new InputException(name, "the file is empty: expected a header line");
            }
            header = new ArrayList<>();
            Row h = first.get(0);
            for (int i = 0; i < h.size(); i++) {
                String s = h.isNullAt(i) ? "" : h.getString(i);
                header.add(i == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s);
            }
            StructType schema = new StructType();
            for (int i = 0; i < header.size(); i++) {
                schema = schema.add("c" + i, DataTypes.StringType, true);
            }
            table = csv(spark, charset).option("header", "true").option("enforceSchema", "true").schema(schema)
                    .csv(f.path());
        } else {
            if (source instanceof Files f) {
                table = spark.read().parquet(f.path());
            } else {
                Jdbc j = (Jdbc) source;
                // a timestamp without time zone stays a local time, whatever the JVM's zone
                var reader = spark.read().format("jdbc").option("url", j.url()).option("preferTimestampNTZ", "true");
                j.table().ifPresent(t -> reader.option("dbtable", t));
                j.query().ifPresent(q -> reader.option("query", q));
                for (String key : j.properties().stringPropertyNames()) {
                    reader.option(key, j.properties().getProperty(key));
                }
                table = reader.load();
            }
            header = List.of(table.columns());
        }
        int[] index = LineFields.columnIndexes(name, 1, header, mapped(options));
        String[] all = table.columns();
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[Column.values().length + 1];
        for (Column c : Column.values()) {
            cols[c.ordinal()] = functions.col("`" + all[index[c.ordinal()]] + "`").cast(DataTypes.StringType)
                    .as(c.canonicalName());
        }
        cols[cols.length - 1] = source instanceof Files ? functions.input_file_name().as(FILE)
                : functions.lit(name).as(FILE);
        return table.select(cols);
    }

    private static Map<Column, String> mapped(IngestOptions options) {
        return options.columnNames().isEmpty() ? Map.of() : options.columnNames();
    }

    private static org.apache.spark.sql.DataFrameReader csv(SparkSession spark, Charset charset) {
        // RFC 4180 quoting (a quote inside a field is doubled), as the core's FastCSV reader reads it;
        // no trimming; an empty field is read as null and decoded as empty
        return spark.read().option("encoding", charset.name()).option("quote", "\"").option("escape", "\"")
                .option("multiLine", "false").option("mode", "PERMISSIVE");
    }

    /**
     * The core's choice of encoding (the first non-ASCII character decides between UTF-8 and ISO-8859-1),
     * made on the first file of the path, decompressed as Hadoop would, looking at no more than its first
     * {@link #ENCODING_SCAN_BYTES} (UTF-8 when those are all ASCII).
     */
    static Charset detectEncoding(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException(path, "no such file");
            }
            Path file = firstFile(fs, matches[0]);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
            try (InputStream raw = fs.open(file);
                 InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
                return LineFields.detectEncoding(in, ENCODING_SCAN_BYTES);
            }
        } catch (IOException e) {
            throw new InputException(path, "cannot read: " + e.getMessage());
        }
    }

    private static Path firstFile(FileSystem fs, FileStatus status) throws IOException {
        if (!status.isDirectory()) {
            return status.getPath();
        }
        FileStatus[] children = fs.listStatus(status.getPath(), p -> !p.getName().startsWith("_")
                && !p.getName().startsWith("."));
        java.util.Arrays.sort(children);
        for (FileStatus c : children) {
            if (!c.isDirectory()) {
                return c.getPath();
            }
        }
        throw new InputException(status.getPath().toString(), "no file in the folder");
    }
}
