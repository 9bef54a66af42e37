package io.retailseg.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB (its JDBC driver, test scope only) as an independent writer and reader of Parquet: the
 * tests make Parquet files with {@code COPY ... TO} and read ours with {@code read_parquet}, so neither
 * side of a check is parquet-java.
 */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** A relation over a CSV of generated lines, with the types given rather than sniffed. */
    static String csv(Path file) {
        return "read_csv('" + file + "', header = true, quote = '\"', columns = {'InvoiceNo': 'VARCHAR',"
                + " 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'INTEGER', 'InvoiceDate': 'VARCHAR',"
                + " 'UnitPrice': 'DOUBLE', 'CustomerID': 'BIGINT', 'Country': 'VARCHAR'})";
    }

    /** {@code COPY (query) TO file} as Parquet with {@code options} (e.g. {@code COMPRESSION zstd}). */
    void copy(String query, Path file, String options) throws SQLException {
        execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet" + (options.isEmpty() ? "" : ", " + options)
                + ")");
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every row of {@code query}, each as its columns' {@code getString}, joined by {@code |}. */
    List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    sb.append(c > 1 ? "|" : "").append(r.getString(c));
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
