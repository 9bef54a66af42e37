package io.retailseg.bench;

import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.LineFeed;
import io.retailseg.io.ReadProgress;
import io.retailseg.io.TransactionReader;
import io.retailseg.postgres.PgConnections;
import io.retailseg.postgres.PgEnvironment;
import io.retailseg.postgres.PgTarget;
import io.retailseg.postgres.PostgresSource;
import io.retailseg.postgres.SqlName;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Issue 12's read benchmark, ingest only: the same 10 M lines into the same column store ({@link Transactions})
 * from the CSV file and from a PostgreSQL table, four ways:
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.PostgresReadBench csv      FILE
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.PostgresReadBench copy     URL TABLE  # the product
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.PostgresReadBench copy-csv URL TABLE
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.PostgresReadBench cursor   URL TABLE [FETCH]
 * </pre>
 *
 * <p>{@code copy} is {@link PostgresSource} (binary COPY); {@code copy-csv} is what it did before (COPY in CSV
 * through pgjdbc's copy stream into the CSV reader); {@code cursor} is a server-side cursor (a
 * {@code READ ONLY} transaction, auto-commit off, {@code setFetchSize(FETCH)}, default 10,000 rows) whose
 * values, fetched as text, go through the same field rules ({@link LineFeed}). Each prints
 * {@code mode=... lines=... ms=... digest=...}: {@code ms} from the first byte asked for to the column store
 * built, {@code digest} a CRC-32C of every value of every line, so runs that read different things show it.
 * Tables have the Online Retail column names (as {@code bench/postgres.sh} makes them). Only for measuring:
 * the product reads by COPY.
 */
public final class PostgresReadBench {
    private static final int DEFAULT_FETCH = 10_000;

    private PostgresReadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PostgresReadBench csv FILE | copy URL TABLE | copy-csv URL TABLE"
                    + " | cursor URL TABLE [FETCH]");
            System.exit(2);
        }
        String mode = args[0];
        long start = System.nanoTime();
        Transactions lines = switch (mode) {
            case "csv" -> TransactionReader.read(Path.of(args[1]));
            case "copy" -> new PostgresSource(connections(args[1]),
                    new PostgresSource.Table(SqlName.parse(args[2], 2, "table")), IngestOptions.defaults()).load();
            case "copy-csv" -> copyCsv(connections(args[1]), args[2]);
            case "cursor" -> cursor(connections(args[1]), args[2],
                    args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_FETCH);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "mode=%s lines=%d ms=%d digest=%08x%n", mode, lines.size(), ms,
                digest(lines));
    }

    static PgConnections connections(String url) {
        return PgConnections.of(PgTarget.parse(url, PgEnvironment.system()), Optional.empty(),
                PgEnvironment.system(), new PrintWriter(System.err, true));
    }

    /** The 8 columns, timestamps cut to the second and printed by the server as the CSV path read them. */
    static String select(String table) {
        return "SELECT \"InvoiceNo\", \"StockCode\", \"Description\", \"Quantity\", date_trunc('second',"
                + " \"InvoiceDate\") AS \"InvoiceDate\", \"UnitPrice\", \"CustomerID\", \"Country\" FROM "
                + SqlName.parse(table, 2, "table").quoted();
    }

    /** The source as it was before the binary COPY: CSV text through the CSV reader. */
    static Transactions copyCsv(PgConnections connections, String table) throws SQLException {
        try (Connection c = connections.open()) {
            c.createStatement().execute("SET TRANSACTION READ ONLY");
            try (InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class),
                    "COPY (" + select(table) + ") TO STDOUT WITH (FORMAT csv, HEADER true)")) {
                return TransactionReader.readStream("copy-csv", in, IngestOptions.defaults(), ReadProgress.NONE,
                        new TransactionReader.StreamDigest());
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            }
        }
    }

    /** A server-side cursor: rows fetched FETCH at a time, each value as the server's text, the field rules. */
    static Transactions cursor(PgConnections connections, String table, int fetch) throws SQLException {
        try (Connection c = connections.open()) {
            c.createStatement().execute("SET TRANSACTION READ ONLY");
            try (PreparedStatement p = c.prepareStatement(select(table));
                 LineFeed feed = LineFeed.of("cursor", IngestOptions.defaults())) {
                p.setFetchSize(fetch);
                String[] fields = new String[8];
                long row = 0;
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        for (int i = 0; i < fields.length; i++) {
                            String v = r.getString(i + 1);
                            fields[i] = v == null ? "" : v;
                        }
                        feed.add(++row, fields, LineFeed.DATE_AS_TEXT);
                    }
                }
                Transactions lines = feed.finish();
                c.rollback();
                return lines;
            }
        }
    }

    /** CRC-32C of every value of every line, in order. */
    static long digest(Transactions t) {
        CRC32C crc = new CRC32C();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
        for (int i = 0; i < t.size(); i++) {
            b.clear();
            b.putLong(t.quantity(i)).putLong(t.epochSecond(i)).putDouble(t.unitPrice(i)).putLong(t.customerId(i));
            crc.update(b.array(), 0, b.position());
            for (String s : new String[] {t.invoiceText(i), t.stockCodeText(i), t.descriptionText(i),
                t.countryText(i)}) {
                crc.update(String.valueOf(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return crc.getValue();
    }
}
