package io.retailseg.postgres;

import io.retailseg.InputException;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.Recommendation;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunSummary;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads published runs back: the newest (or a given) run's id, model ({@link ModelCodec}, the one reader of
 * {@code model.json}), summary ({@link RunSummary} through {@link RunJson}), customers and recommendations.
 * Everything is read in one READ ONLY, REPEATABLE READ transaction, so it is one run's rows even while
 * another run is being published or pruned.
 */
public final class PublishedRuns {
    private final RunTables tables;
    private final PgConnections connections;

    public PublishedRuns(RunTables tables) {
        this.tables = tables;
        this.connections = tables.connections();
    }

    /** {@code postgresql://host:port/db schema "retailseg"}. */
    public String describe() {
        return tables.describe();
    }

    /** A customer's row of {@code customers}. */
    public record Customer(long id, double[] features, boolean outlier, double outlierScore, int segment,
                           io.retailseg.clv.CustomerValueModel.Prediction value) {
    }

    /**
     * One published run as read.
     *
     * @param customers by ascending id
     * @param recommendations by customer, then rank
     */
    public record Run(String runId, SegmentationModel model, RunSummary summary, List<Customer> customers,
                      List<Recommendation> recommendations) {
    }

    /** The model of run {@code runId}, or of the newest run when empty. */
    public SegmentationModel model(Optional<String> runId) {
        return read(runId, false).model();
    }

    /** Run {@code runId}, or the newest run when empty, with its customers and recommendations. */
    public Run run(Optional<String> runId) {
        return read(runId, true);
    }

    private Run read(Optional<String> wanted, boolean rows) {
        try (Connection c = connections.open()) {
            try (var s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            tables.migrations().checkReadable(c, tables.schema(), connections.target());
            String runId;
            byte[] modelJson;
            byte[] summaryJson;
            String sql = "SELECT run_id, model::text, summary::text FROM " + table("runs")
                    + (wanted.isPresent() ? " WHERE run_id = ?" : " ORDER BY finished_at DESC, run_id DESC LIMIT 1");
            try (PreparedStatement p = c.prepareStatement(sql)) {
                if (wanted.isPresent()) {
                    p.setString(1, wanted.get());
                }
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new InputException(describe(), wanted.map(id -> "no published run " + id)
                                .orElse("no published run yet"));
                    }
                    runId = r.getString(1);
                    modelJson = r.getString(2).getBytes(StandardCharsets.UTF_8);
                    summaryJson = r.getString(3).getBytes(StandardCharsets.UTF_8);
                }
            }
            String name = describe() + " run " + runId;
            SegmentationModel model = ModelCodec.parse(modelJson, name + " model");
            RunSummary summary = RunJson.parse(summaryJson, name + " summary", RunSummary.class);
            List<Customer> customers = rows ? customers(c, runId) : List.of();
            List<Recommendation> recommendations = rows ? recommendations(c, runId) : List.of();
            c.rollback();
            return new Run(runId, model, summary, customers, recommendations);
        } catch (SQLException e) {
            throw connections.refused("cannot read runs from", e, " (schema " + tables.schema().quoted() + ")");
        }
    }

    private List<Customer> customers(Connection c, String runId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT customer_id");
        for (io.retailseg.domain.Feature f : io.retailseg.domain.Feature.values()) {
            sql.append(", ").append(SqlName.quote(f.columnName().toLowerCase(java.util.Locale.ROOT)));
        }
        // a run this program can read (its model is of this version) was published at schema version 3 or later
        sql.append(", is_outlier, outlier_score, segment, p_alive, expected_purchases, expected_order_value,"
                + " expected_value FROM ").append(table("customers"))
                .append(" WHERE run_id = ? ORDER BY customer_id");
        List<Customer> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            p.setFetchSize(10_000); // a cursor: not every row at once
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double[] features = new double[io.retailseg.domain.Feature.COUNT];
                    for (int f = 0; f < features.length; f++) {
                        features[f] = r.getDouble(2 + f);
                    }
                    int col = 2 + features.length;
                    boolean outlier = r.getBoolean(col);
                    double score = r.getDouble(col + 1);
                    int segment = r.getInt(col + 2);
                    if (r.wasNull()) {
                        segment = -1; // an outlier
                    }
                    double[] value = new double[4];
                    for (int k = 0; k < 4; k++) {
                        value[k] = r.getDouble(col + 3 + k);
                        if (r.wasNull()) {
                            value[k] = Double.NaN;
                        }
                    }
                    out.add(new Customer(r.getLong(1), features, outlier, score, segment,
                            new io.retailseg.clv.CustomerValueModel.Prediction(value[0], value[1], value[2], value[3])));
                }
            }
        }
        return out;
    }

    private List<Recommendation> recommendations(Connection c, String runId) throws SQLException {
        List<Recommendation> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT customer_id, segment, rank, stock_code, description, score,"
                + " reason FROM "
                + table("recommendations") + " WHERE run_id = ? ORDER BY customer_id, rank")) {
            p.setFetchSize(10_000);
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double score = r.getDouble(6);
                    // rows published by schema version 1 have no score or reason
                    boolean none = r.wasNull();
                    String reason = r.getString(7);
                    out.add(new Recommendation(r.getLong(1), r.getInt(2), r.getInt(3), r.getString(4), r.getString(5),
                            none ? Double.NaN : score, reason == null ? "" : reason));
                }
            }
        }
        return out;
    }

    /** The run ids, newest first. */
    public List<String> runIds() {
        try (Connection c = connections.open()) {
            tables.migrations().checkReadable(c, tables.schema(), connections.target());
            List<String> ids = new ArrayList<>();
            try (var s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT run_id FROM " + table("runs")
                         + " ORDER BY finished_at DESC, run_id DESC")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            c.rollback();
            return ids;
        } catch (SQLException e) {
            throw connections.refused("cannot read runs from", e, "");
        }
    }

    private String table(String name) {
        return tables.table(name);
    }
}
