package io.retailseg.postgres;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.LineFeed;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.TransactionSource;
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
import org.postgresql.copy.CopyOut;

/**
 * Transaction lines from a PostgreSQL table or query, streamed by {@code COPY (SELECT ...) TO STDOUT (FORMAT
 * binary)} and decoded by {@link BinaryCopyLines} into the same column store as a CSV file's, through
 * {@link LineFeed}: the same column recognition ({@code --columns}, the Online Retail and Online Retail II names),
 * the same field rules, the same values. Before reading, the columns' types are checked against what each column
 * may be. Everything runs in one READ ONLY transaction, so a {@code --query} cannot change the database. The
 * fingerprint is the size and CRC-32C of the bytes the server sent.
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
    private volatile Fingerprint digest = new Fingerprint(0, String.format(Locale.ROOT, "crc32c:%08x", 0));

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
        this.options = options; // text arrives in the connection's encoding, which pgjdbc sets to UTF-8

    }

    @Override
    public String name() {
        return connections.target().display() + " " + relation.describe();
    }

    @Override
    public boolean loadsAfresh() {
        return true;
    }

    @Override
    public Transactions load() {
        return load(ProgressListener.NONE);
    }

    @Override
    public Transactions load(ProgressListener progress) {
        return read(options, progress);
    }

    @Override
    public Transactions loadToClean(ProgressListener progress) {
        return read(options.withIncompleteCounted(), progress);
    }

    private Transactions read(IngestOptions options, ProgressListener progress) {
        try (Connection c = connections.open()) {
            try (var s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
                // A table larger than a quarter of shared_buffers is otherwise scanned from wherever another
                // session's scan of it last was: the same table would give its lines in another order.
                s.execute("SET LOCAL synchronize_seqscans = off");
            }
            BinaryCopyLines.Wire[] wires = new BinaryCopyLines.Wire[Column.values().length];
            String copy = "COPY (" + selectList(c, wires) + ") TO STDOUT (FORMAT binary)";
            Transactions lines;
            try (LineFeed feed = LineFeed.of(name(), options)) {
                BinaryCopyLines reader = new BinaryCopyLines(name(), wires, feed);
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
                try {
                    reader.read(out::readFromCopy, (rows, bytes) ->
                            progress.stageProgress("ingest", Double.NaN, rows, "lines"));
                } catch (SQLException | RuntimeException e) {
                    feed.finishAfterFailure(); // a bad field on an earlier row is the error reported
                    throw e;
                } finally {
                    digest = new Fingerprint(reader.bytes(), String.format(Locale.ROOT, "crc32c:%08x",
                            reader.crc32c()));
                    if (out.isActive()) {
                        out.cancelCopy();
                    }
                }
                lines = feed.finish();
            }
            c.rollback(); // read only: nothing to keep
            if (lines.linesRead() == 0 && lines.badLines().skipped() == 0) {
                throw new InputException(name(), "no lines: the " + (relation instanceof Table ? "table" : "query")
                        + " returned no rows");
            }
            return lines;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * {@code SELECT} of the columns the reader needs, after checking their types on the relation's {@code LIMIT 0}
     * result; {@code wires} gets how each arrives in the binary COPY. Integers, numerics, timestamps and dates,
     * and a double precision UnitPrice, come in their binary form; a text column as its bytes; any other accepted
     * type (real; double precision for a whole-number column) is cast to text by the server, so its value is the
     * text the field rules read.
     */
    private String selectList(Connection c, BinaryCopyLines.Wire[] wires) throws SQLException {
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
            String value = "lines." + SqlName.quote(name);
            BinaryCopyLines.Wire wire = wire(column, type);
            wires[column.ordinal()] = wire;
            select.append(wire == BinaryCopyLines.Wire.TEXT && !TEXT.contains(type) ? value + "::text" : value);
        }
        return select.append(" FROM ").append(relation.from()).append(" AS lines").toString();
    }

    /** How a column of {@code type} (already checked) travels in the binary COPY. */
    private static BinaryCopyLines.Wire wire(Column column, String type) {
        return switch (type) {
            case "int2" -> BinaryCopyLines.Wire.INT2;
            case "int4" -> BinaryCopyLines.Wire.INT4;
            case "int8" -> BinaryCopyLines.Wire.INT8;
            case "numeric" -> BinaryCopyLines.Wire.NUMERIC;
            case "timestamp" -> BinaryCopyLines.Wire.TIMESTAMP;
            case "date" -> BinaryCopyLines.Wire.DATE;
            // a double is read as the double its shortest text gives only for UnitPrice; as a whole number its
            // text decides (1e+20 is refused), and a real's text is not the double of its float
            case "float8" -> column == Column.UNIT_PRICE ? BinaryCopyLines.Wire.FLOAT8 : BinaryCopyLines.Wire.TEXT;
            default -> BinaryCopyLines.Wire.TEXT;
        };
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
        return digest;
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
