package io.retailseg.postgres;

import io.retailseg.OutputException;
import io.retailseg.clv.CustomerValueModel;
import io.retailseg.domain.Feature;
import io.retailseg.model.ModelCodec;
import io.retailseg.pipeline.RunResult;
import io.retailseg.publish.RunWriter;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Publishes a run into a schema ({@code --publish}, {@code --schema}): migrates the schema to this program's
 * version, then in the same single transaction deletes a run of the same id (so publishing twice is
 * idempotent), inserts the {@code runs} row and bulk-loads {@code customers}, {@code segments},
 * {@code top_products} and {@code recommendations} with {@code COPY ... FROM STDIN} (binary format), prunes to
 * {@code --keep-runs}, and commits. Until the commit no other session sees any of it; a failure, or the
 * process killed at any moment, leaves the database as it was (PostgreSQL rolls back the open transaction).
 */
public final class PostgresSink {
    /** Rows between two {@link Listener#progress} calls while copying. */
    static final int PROGRESS_ROWS = 1 << 16;

    /** Told where the publishing is; a test stops the process at a chosen point. */
    public interface Listener {
        Listener NONE = (table, rows) -> { };

        /**
         * @param step {@code migrated}, {@code runs}, a table being copied ({@code customers}, ...), or
         *     {@code committing} / {@code committed}
         * @param rows rows of that table sent so far
         */
        void progress(String step, long rows);
    }

    /**
     * What to publish.
     *
     * @param runId the run's id (the run folder's, when one was written too)
     * @param startedAt when the run started
     * @param finishedAt when it finished (before publishing)
     * @param result the run
     */
    public record Run(String runId, Instant startedAt, Instant finishedAt, RunResult result) {
    }

    private final RunTables tables;
    private final PgConnections connections;

    public PostgresSink(RunTables tables) {
        this.tables = tables;
        this.connections = tables.connections();
    }

    /** {@code postgresql://host:port/db schema "retailseg"}. */
    public String describe() {
        return tables.describe();
    }

    /**
     * Publishes {@code run} and prunes to the newest {@code keepRuns} runs (all when empty).
     *
     * @throws OutputException when the database refuses (exit code 4); nothing is then changed
     */
    public void publish(Run run, Optional<Integer> keepRuns, Listener listener) {
        try (Connection c = connections.open()) {
            try {
                tables.migrations().migrate(c, tables.schema(), connections.target());
                listener.progress("migrated", 0);
                write(c, run, listener);
                keepRuns.ifPresent(n -> prune(c, n));
                listener.progress("committing", 0);
                c.commit();
                listener.progress("committed", 0);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw connections.refused("cannot publish to", e, " (schema " + tables.schema().quoted() + ")");
        } catch (IOException e) {
            throw new OutputException("cannot publish to", describe(), e);
        }
    }

    private void write(Connection c, Run run, Listener listener) throws SQLException, IOException {
        RunResult r = run.result();
        RunSummary summary = RunWriter.summary(r, Optional.of(run.runId()));
        // the same run again replaces its rows and keeps when it was first published: publishing is idempotent
        Timestamp firstPublished = null;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table("runs") + " WHERE run_id = ?"
                + " RETURNING published_at")) {
            delete.setString(1, run.runId());
            try (var deleted = delete.executeQuery()) {
                if (deleted.next()) {
                    firstPublished = deleted.getTimestamp(1);
                }
            }
        }
        deleteRows(c, List.of(run.runId()));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table("runs") + " (run_id, started_at,"
                + " finished_at, input, config, metrics, chosen_k, k_reason, summary, model, published_at) VALUES"
                + " (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, coalesce(?, now()))")) {
            p.setTimestamp(11, firstPublished);
            p.setString(1, run.runId());
            p.setTimestamp(2, Timestamp.from(run.startedAt()));
            p.setTimestamp(3, Timestamp.from(run.finishedAt()));
            p.setString(4, json(r.model().provenance().input()));
            p.setString(5, json(summary.config()));
            p.setString(6, json(summary.metrics()));
            p.setInt(7, summary.kSelection().chosenK());
            p.setString(8, summary.kSelection().reason());
            p.setString(9, json(summary));
            p.setString(10, new String(ModelCodec.toJson(r.model()), StandardCharsets.UTF_8));
            p.executeUpdate();
        }
        listener.progress("runs", 1);
        copyCustomers(c, run.runId(), r, listener);
        copy(c, "segments", List.of("segment", "name", "size", "revenue_share", "profile"), summary.segments(),
                (s, w) -> w.int4(s.id()).text(s.name()).int4(s.size()).float8(s.revenueShare()).jsonb(json(s)),
                listener, run.runId());
        copy(c, "top_products", List.of("segment", "rank", "stock_code", "description", "quantity"), r.topProducts(),
                (TopProduct t, BinaryCopyRow w) -> w.int4(t.segment()).int4(t.rank()).text(t.stockCode())
                        .text(t.description()).int8(t.quantity()), listener, run.runId());
        // score and reason exist from schema version 2 on; a sink built with version 1 only writes what it has
        if (tables.migrations().latest() >= 2) {
            copy(c, "recommendations", List.of("customer_id", "segment", "rank", "stock_code", "description", "score",
                    "reason"), r.recommendations(), (Recommendation x, BinaryCopyRow w) -> w.int8(x.customerId())
                            .int4(x.segment()).int4(x.rank()).text(x.stockCode()).text(x.description())
                            .float8(x.score()).text(x.reason()), listener, run.runId());
        } else {
            copy(c, "recommendations", List.of("customer_id", "segment", "rank", "stock_code", "description"),
                    r.recommendations(), (Recommendation x, BinaryCopyRow w) -> w.int8(x.customerId())
                            .int4(x.segment()).int4(x.rank()).text(x.stockCode()).text(x.description()), listener,
                    run.runId());
        }
    }

    private void copyCustomers(Connection c, String runId, RunResult r, Listener listener)
            throws SQLException, IOException {
        RunCsv.CustomerRows rows = RunWriter.customerRows(r);
        List<String> columns = new ArrayList<>();
        columns.add("customer_id");
        for (Feature f : Feature.values()) {
            columns.add(f.columnName().toLowerCase(Locale.ROOT));
        }
        columns.addAll(List.of("is_outlier", "outlier_score", "segment", "pcs"));
        // the customer's value exists from schema version 3 on
        boolean value = tables.migrations().latest() >= 3;
        if (value) {
            columns.addAll(List.of("p_alive", "expected_purchases", "expected_order_value", "expected_value"));
        }
        List<Integer> indices = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            indices.add(i);
        }
        double[] pcs = new double[rows.components()];
        copy(c, "customers", columns, indices, (Integer i, BinaryCopyRow w) -> {
            w.int8(rows.id(i));
            for (Feature f : Feature.values()) {
                w.float8(rows.feature(i, f));
            }
            w.bool(rows.outlier(i)).float8(r.outlierScore()[i]);
            int segment = rows.segment(i);
            if (segment < 0) {
                w.nul().nul();
            } else {
                for (int k = 0; k < pcs.length; k++) {
                    pcs[k] = rows.pc(i, k);
                }
                w.int4(segment).float8Array(pcs);
            }
            if (value) {
                CustomerValueModel.Prediction v = rows.value(i);
                for (double x : v.values()) {
                    if (Double.isNaN(x)) {
                        w.nul();
                    } else {
                        w.float8(x);
                    }
                }
            }
        }, listener, runId);
    }

    /** Writes one item's fields after the run id. */
    @FunctionalInterface
    private interface RowWriter<T> {
        void write(T item, BinaryCopyRow row) throws IOException;
    }

    private <T> void copy(Connection c, String table, List<String> columns, List<T> items, RowWriter<T> rows,
                          Listener listener, String runId) throws SQLException, IOException {
        listener.progress(table, 0);
        String sql = "COPY " + table(table) + " (run_id, " + String.join(", ", columns.stream().map(SqlName::quote)
                .toList()) + ") FROM STDIN WITH (FORMAT binary)";
        try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 16)) {
            BinaryCopyRow row = new BinaryCopyRow(new BufferedOutputStream(copy, 1 << 16));
            row.header();
            long n = 0;
            for (T item : items) {
                rows.write(item, row.begin(columns.size() + 1).text(runId));
                if (++n % PROGRESS_ROWS == 0 || n == 1) { // the first row too: the copy has begun
                    row.flush();
                    listener.progress(table, n);
                }
            }
            row.trailer();
        }
        listener.progress(table, items.size());
    }

    private void prune(Connection c, int keep) {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table("runs") + " WHERE run_id NOT IN"
                + " (SELECT run_id FROM " + table("runs") + " ORDER BY finished_at DESC, run_id DESC LIMIT ?)"
                + " RETURNING run_id")) {
            p.setInt(1, keep);
            List<String> pruned = new ArrayList<>();
            try (var r = p.executeQuery()) {
                while (r.next()) {
                    pruned.add(r.getString(1));
                }
            }
            deleteRows(c, pruned);
        } catch (SQLException e) {
            throw connections.refused("cannot prune runs in", e, "");
        }
    }

    /** Deletes the rows of {@code runIds} from every table but {@code runs}. */
    private void deleteRows(Connection c, List<String> runIds) throws SQLException {
        if (runIds.isEmpty()) {
            return;
        }
        for (String name : RunTables.ROWS) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table(name) + " WHERE run_id = ANY (?)")) {
                p.setArray(1, c.createArrayOf("text", runIds.toArray()));
                p.executeUpdate();
            }
        }
    }

    private String table(String name) {
        return tables.table(name);
    }

    private static String json(Object value) {
        return new String(RunJson.bytes(value), StandardCharsets.UTF_8);
    }
}
