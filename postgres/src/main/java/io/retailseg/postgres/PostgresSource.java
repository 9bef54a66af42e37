package io.retailseg.postgres;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.TransactionSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Transaction lines from a PostgreSQL table or query, streamed as CSV by {@code COPY (SELECT ...) TO STDOUT}
 * into the same reader as a CSV file ({@link TransactionReader#readStream}): the same column recognition
 * ({@code --columns}, the Online Retail and Online Retail II names), the same field rules, the same columnar
 * store. Before reading, the columns' types are checked against what each column may be. Everything runs in
 * one READ ONLY transaction, so a {@code --query} cannot change the database. The fingerprint is the size and
 * CRC-32C of the CSV text the server sent.
 */
public final class PostgresSource implements TransactionSource {
    /** Text types, accepted for every column and decoded by the file rules. */
    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar", "name", "citext");
    private static final Set<String> WHOLE = Set.of("int2", "int4", "int8");
    private static final Set<String> NUMBER = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");
    private static final Set<String> DATE = Set.of("timestamp", "date");

    private final PgConnections connections;
    private final Relation relation;
    private final IngestOptions options;
    private final TransactionReader.StreamDigest digest = new TransactionReader.StreamDigest();

    /** A table or a query: what the lines are selected from. */
    public sealed interface Relation {
        /** The SQL that yields the lines (a quoted table name or the parenthesised query). */
        String from();

        /** How summary.json and messages name it. */
        String describe();
    }

    /** {@code --table}. */
    public record Table(SqlName name) implements Relation {
        @Override
        public String from() {
            return name.quoted();
        }

        @Override
        public String describe() {
            return "table " + name.quoted();
        }
    }

    /** {@code --query}: any SELECT, run as a subquery in a READ ONLY transaction. */
    public record Query(String sql) implements Relation {
        public Query {
            sql = sql.strip();
            while (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1).strip();
            }
            if (sql.isEmpty()) {
                throw new IllegalArgumentException("--query: expected a SELECT, found nothing");
            }
        }

        @Override
        public String from() {
            return "(" + sql + ")";
        }

        @Override
        public String describe() {
            return "query " + sql.replaceAll("\\s+", " ");
        }
    }

    public PostgresSource(PgConnections connections, Relation relation, IngestOptions options) {
        this.connections = connections;
        this.relation = relation;
        // COPY sends the server's text converted to the connection's encoding, which pgjdbc sets to UTF-8
        this.options = options.withEncoding(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return connections.target().display() + " " + relation.describe();
    }

    @Override
    public Transactions load() {
        return load(ProgressListener.NONE);
    }

    @Override
    public Transactions load(ProgressListener progress) {
        try (Connection c = connections.open()) {
            try (var s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
            }
            String copy = "COPY (" + selectList(c) + ") TO STDOUT WITH (FORMAT csv, HEADER true)";
            Transactions lines;
            try (InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class), copy)) {
                lines = TransactionReader.readStream(name(), in, options, (read, bytes, total) ->
                        progress.stageProgress("ingest", Double.NaN, read, "lines"), digest);
            } catch (IOException e) {
                throw new InputException(name(), "cannot read: " + OutputException.reason(e));
            } catch (InputException e) {
                // the server failed while sending (a function that writes, the connection lost): say so as
                // for the statement itself, not as a malformed file
                SQLException cause = sqlCause(e);
                throw cause == null ? e : failed(cause);
            }
            c.rollback(); // read only: nothing to keep
            if (lines.size() == 0 && lines.badLines().skipped() == 0) {
                throw new InputException(name(), "no lines: the " + (relation instanceof Table ? "table" : "query")
                        + " returned no rows");
            }
            return lines;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * {@code SELECT} of the columns the reader needs, each under its own name so the CSV header is the
     * relation's, after checking their types on the relation's {@code LIMIT 0} result.
     */
    private String selectList(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + relation.from() + " AS lines LIMIT 0");
             ResultSet r = p.executeQuery()) {
            ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                names.add(m.getColumnLabel(i));
                types.add(m.getColumnTypeName(i).toLowerCase(Locale.ROOT));
            }
        }
        int[] index = TransactionReader.columnIndices(name(), names, options);
        StringBuilder select = new StringBuilder("SELECT ");
        for (Column column : Column.values()) {
            int i = index[column.ordinal()];
            String name = names.get(i);
            String type = types.get(i);
            checkType(column, name, type);
            if (column.ordinal() > 0) {
                select.append(", ");
            }
            String quoted = SqlName.quote(name);
            select.append(switch (type) {
                // whole seconds, printed in the ISO layout (pgjdbc keeps DateStyle ISO) the CSV rules read; the
                // native output is faster than to_char (measured: 1.8 s against 3.1 s for 2 M rows)
                case "timestamp" -> "date_trunc('second', lines." + quoted + ") AS " + quoted;
                case "date" -> "lines." + quoted + "::timestamp AS " + quoted;
                default -> "lines." + quoted;
            });
        }
        return select.append(" FROM ").append(relation.from()).append(" AS lines").toString();
    }

    /** What each column may be in the database besides text: the types whose CSV text the file rules read. */
    private static final Map<Column, Set<String>> ALLOWED = Map.of(
            Column.INVOICE_NO, WHOLE,
            Column.STOCK_CODE, WHOLE,
            Column.DESCRIPTION, Set.of(),
            Column.QUANTITY, NUMBER,
            Column.INVOICE_DATE, DATE,
            Column.UNIT_PRICE, NUMBER,
            Column.CUSTOMER_ID, NUMBER,
            Column.COUNTRY, Set.of());

    private void checkType(Column column, String name, String type) {
        Set<String> allowed = ALLOWED.get(column);
        if (TEXT.contains(type) || allowed.contains(type)) {
            return;
        }
        String expected = switch (column) {
            case QUANTITY, UNIT_PRICE, CUSTOMER_ID -> "a number (integer, numeric, real, double precision) or text";
            case INVOICE_DATE -> "timestamp (without time zone), date or text"
                    + ("timestamptz".equals(type) ? " (cast a timestamptz in --query, e.g. AT TIME ZONE 'UTC')" : "");
            case INVOICE_NO, STOCK_CODE -> "text or an integer";
            default -> "text";
        };
        throw new InputException(name(), 0, column.canonicalName(), "column \"" + name + "\" is of type " + type
                + ": expected " + expected);
    }

    @Override
    public Fingerprint fingerprint() {
        return new Fingerprint(digest.bytes(), String.format(Locale.ROOT, "crc32c:%08x", digest.crc32c()));
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * The database said no: a mistake in the table, query or columns asked for (an SQL syntax or name error,
     * a query that writes) is bad input (exit 1); the server or the permissions are the environment (exit 4).
     */
    private RuntimeException failed(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if ("25006".equals(state)) {
            return new InputException(name(), "the query tries to write: --query runs in a READ ONLY transaction"
                    + " and may only read (" + PgConnections.reason(e) + ")");
        }
        if (state.startsWith("42") && !"42501".equals(state) || state.startsWith("22") || state.startsWith("0A")) {
            return new InputException(name(), PgConnections.reason(e));
        }
        return connections.refused("cannot read from", e, "");
    }
}
