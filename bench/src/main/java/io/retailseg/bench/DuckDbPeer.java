package io.retailseg.bench;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.io.TransactionReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The speed peer of issue 15's target 4: DuckDB (through its JDBC driver) computes the cleaning of
 * SPEC section 1 and the 15 customer features of section 2 in SQL, straight from the same CSV file
 * (plain or gzip), beside retailseg's ingest + clean + features on the same file.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.DuckDbPeer duckdb    FILE   # time DuckDB
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.DuckDbPeer retailseg FILE   # time retailseg
 *   java -cp bench/target/benchmarks.jar io.retailseg.bench.DuckDbPeer check     FILE   # both, compared
 * </pre>
 *
 * <p>{@code duckdb} and {@code retailseg} print one line, {@code engine=... ms=... customers=...}, where
 * {@code ms} is the time from opening the file to having every customer's 15 features in memory
 * (DuckDB: the query executed and every row fetched; the connection is opened before the clock starts,
 * its cost is printed as {@code connect_ms}). {@code check} compares the two tables: the same customers,
 * and each feature equal to 1e-9 relative (absolute below 1); any difference prints the customer and
 * feature and exits with 1, so {@code bench/run.sh} stops loudly instead of timing unlike things.
 *
 * <p>DuckDB is a peer for the benchmark only, never a dependency of the product.
 */
public final class DuckDbPeer {
    /** Relative tolerance of {@code check}: the reference features' own (README of the reference outputs). */
    static final double TOLERANCE = 1e-9;

    /**
     * SPEC section 1 (cleaning) and section 2 (features) in DuckDB's SQL; the one parameter is the file.
     * Cleaning: 1. no CustomerID or no Description; 2. duplicates on the 8 values as read (typed, so
     * {@code 17850} equals {@code 17850.0}); 3. stock codes with 0 or 1 digit characters (Unicode
     * decimal digits, as {@code Character.isDigit}); 4. the two service descriptions; 5. UnitPrice <= 0.
     * The upper-casing of Description touches no feature, so it is left out.
     */
    static final String QUERY = """
            WITH typed AS (
              SELECT * FROM read_csv(?, header = true, encoding = 'latin-1', auto_detect = false, delim = ',',
                quote = '"', escape = '"',
                columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR',
                           'Quantity': 'INTEGER', 'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE',
                           'CustomerID': 'DOUBLE', 'Country': 'VARCHAR'},
                timestampformat = '%m/%d/%Y %H:%M')
            ),
            present AS (
              SELECT DISTINCT * FROM typed WHERE CustomerID IS NOT NULL AND Description IS NOT NULL
            ),
            anomalous AS (
              SELECT StockCode FROM (SELECT DISTINCT StockCode FROM present)
              WHERE length(regexp_replace(StockCode, '[^\\p{Nd}]', '', 'g')) <= 1
            ),
            clean AS (
              SELECT CAST(CustomerID AS BIGINT) AS customer, InvoiceNo AS invoice, StockCode AS stock,
                     Quantity AS quantity, Quantity * UnitPrice AS spend, Country AS country,
                     InvoiceDate AS ts, CAST(InvoiceDate AS DATE) AS day,
                     starts_with(InvoiceNo, 'C') AS cancelled
              FROM present
              WHERE StockCode NOT IN (SELECT StockCode FROM anomalous)
                AND Description NOT IN ('Next Day Carriage', 'High Resolution Image')
                AND UnitPrice > 0
            ),
            totals AS (
              SELECT customer,
                     count(DISTINCT invoice) AS transactions,
                     sum(quantity) AS products,
                     fsum(spend) AS spend,
                     count(DISTINCT stock) AS unique_products,
                     max(day) AS last_day, min(day) AS first_day, count(DISTINCT day) AS days,
                     count(DISTINCT invoice) FILTER (WHERE cancelled) AS cancellations
              FROM clean GROUP BY customer
            ),
            weekday AS (
              SELECT customer, isodow(day) - 1 AS weekday FROM clean GROUP BY customer, weekday
              QUALIFY row_number() OVER (PARTITION BY customer ORDER BY count(*) DESC, weekday) = 1
            ),
            peak_hour AS (
              SELECT customer, hour(ts) AS hour_of_day FROM clean GROUP BY customer, hour_of_day
              QUALIFY row_number() OVER (PARTITION BY customer ORDER BY count(*) DESC, hour_of_day) = 1
            ),
            main_country AS (
              SELECT customer, country FROM clean GROUP BY customer, country
              QUALIFY row_number() OVER (PARTITION BY customer ORDER BY count(*) DESC, country) = 1
            ),
            months AS (
              SELECT customer, month_spend,
                     row_number() OVER (PARTITION BY customer ORDER BY month) - 1 AS step
              FROM (SELECT customer, date_trunc('month', day) AS month, fsum(spend) AS month_spend
                    FROM clean GROUP BY customer, month)
            ),
            monthly AS (
              SELECT customer, avg(month_spend) AS mean,
                     CASE WHEN count(*) > 1 THEN stddev_samp(month_spend) ELSE 0 END AS std,
                     CASE WHEN count(*) > 1 THEN regr_slope(month_spend, step) ELSE 0 END AS trend
              FROM months GROUP BY customer
            ),
            overall AS (SELECT max(day) AS last_day FROM clean)
            SELECT t.customer,
                   overall.last_day - t.last_day,
                   t.transactions,
                   t.products,
                   t.spend,
                   t.spend / t.transactions,
                   t.unique_products,
                   CASE WHEN t.days > 1 THEN (t.last_day - t.first_day) / (t.days - 1) ELSE 0 END,
                   w.weekday,
                   h.hour_of_day,
                   CASE WHEN c.country = 'United Kingdom' THEN 1 ELSE 0 END,
                   t.cancellations,
                   t.cancellations / t.transactions,
                   m.mean,
                   m.std,
                   m.trend
            FROM totals t
            CROSS JOIN overall
            JOIN weekday w USING (customer)
            JOIN peak_hour h USING (customer)
            JOIN main_country c USING (customer)
            JOIN monthly m USING (customer)
            ORDER BY t.customer
            """;

    private DuckDbPeer() {
    }

    /** The customers of {@code file} with their features, as DuckDB computes them; ids ascending. */
    static CustomerTable duckDb(Connection connection, Path file) throws SQLException {
        List<long[]> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setString(1, file.toString());
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    ids.add(new long[] {r.getLong(1)});
                    double[] row = new double[Feature.COUNT];
                    for (int f = 0; f < Feature.COUNT; f++) {
                        row[f] = r.getDouble(f + 2);
                    }
                    rows.add(row);
                }
            }
        }
        long[] customerIds = new long[ids.size()];
        for (int i = 0; i < customerIds.length; i++) {
            customerIds[i] = ids.get(i)[0];
        }
        return new CustomerTable(customerIds, rows.toArray(double[][]::new));
    }

    /** retailseg's ingest, cleaning and features of {@code file}, as a run computes them. */
    static CustomerTable retailSeg(Path file) {
        Transactions raw = TransactionReader.read(file);
        Transactions clean = Cleaner.clean(raw).lines();
        return FeatureExtractor.extract(clean, Compat.SPEC);
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /**
     * The first difference between the two tables, or an empty string when they agree: the same
     * customers in the same order, each feature within {@link #TOLERANCE} relative (absolute below 1).
     */
    static String difference(CustomerTable ours, CustomerTable peer) {
        if (ours.size() != peer.size()) {
            return "retailseg has " + ours.size() + " customers, DuckDB " + peer.size();
        }
        for (int i = 0; i < ours.size(); i++) {
            if (ours.customerId(i) != peer.customerId(i)) {
                return "customer " + (i + 1) + ": retailseg has CustomerID " + ours.customerId(i) + ", DuckDB "
                        + peer.customerId(i);
            }
            for (Feature f : Feature.values()) {
                double a = ours.value(i, f);
                double b = peer.value(i, f);
                if (!(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b))))) {
                    return "CustomerID " + ours.customerId(i) + ": " + f + ": retailseg " + a + ", DuckDB " + b;
                }
            }
        }
        return "";
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("duckdb", "retailseg", "check").contains(args[0])) {
            System.err.println("usage: DuckDbPeer duckdb|retailseg|check FILE");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        if (!Files.isReadable(file)) {
            System.err.println("DuckDbPeer: " + file + ": no such readable file");
            System.exit(1);
        }
        switch (args[0]) {
            case "retailseg" -> {
                long start = System.nanoTime();
                CustomerTable t = retailSeg(file);
                report("retailseg", start, -1, t);
            }
            case "duckdb" -> {
                long connectStart = System.nanoTime();
                try (Connection c = connect()) {
                    long start = System.nanoTime();
                    CustomerTable t = duckDb(c, file);
                    report("duckdb", start, (start - connectStart) / 1_000_000, t);
                }
            }
            default -> {
                CustomerTable ours = retailSeg(file);
                CustomerTable peer;
                try (Connection c = connect()) {
                    peer = duckDb(c, file);
                }
                String difference = difference(ours, peer);
                if (!difference.isEmpty()) {
                    System.err.println("DuckDbPeer: " + file + ": the features differ: " + difference);
                    System.exit(1);
                }
                System.out.println("check=ok customers=" + ours.size() + " features=" + Feature.COUNT
                        + " tolerance=" + TOLERANCE);
            }
        }
    }

    private static void report(String engine, long start, long connectMillis, CustomerTable t) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(String.format(Locale.ROOT, "engine=%s ms=%d customers=%d%s", engine, ms, t.size(),
                connectMillis >= 0 ? " connect_ms=" + connectMillis : ""));
    }
}
