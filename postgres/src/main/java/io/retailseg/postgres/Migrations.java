package io.retailseg.postgres;

import io.retailseg.OutputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema's versions: numbered SQL scripts ({@code migrations/V1__runs.sql}, ...) applied in order, in
 * the caller's transaction, and recorded in {@code SCHEMA.schema_version}. A transaction-scoped advisory lock
 * keeps two publishers from migrating at once. A database whose schema is newer than every script known here
 * is refused: this program would write rows the newer schema does not expect.
 */
public final class Migrations {
    /** One script: {@code ${schema}} in it stands for the quoted schema name. */
    public record Script(int version, String description, String sql) {
    }

    /** Every version this program knows, oldest first. */
    public static Migrations current() {
        return new Migrations(List.of(new Script(1, "runs, customers, segments, top_products, recommendations,"
                + " latest views", resource("V1__runs.sql")),
                new Script(2, "recommendation score and reason", resource("V2__recommendation_score.sql")),
                new Script(3, "customer value", resource("V3__customer_value.sql"))));
    }

    private final List<Script> scripts;

    /** The versions {@code scripts} define, oldest first, numbered 1, 2, ... */
    public Migrations(List<Script> scripts) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).version() != i + 1) {
                throw new IllegalArgumentException("expected version " + (i + 1) + ", found "
                        + scripts.get(i).version());
            }
        }
        this.scripts = List.copyOf(scripts);
    }

    /** The newest version known. */
    public int latest() {
        return scripts.size();
    }

    /** A script shipped with the program, by file name. */
    static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Brings {@code schema} to {@link #latest()} in {@code c}'s open transaction (creating the schema when
     * missing) and returns the version it was at before (0 for none).
     *
     * @throws OutputException when the database's schema is newer than this program
     */
    public int migrate(Connection c, SqlName schema, PgTarget target) throws SQLException {
        lock(c, schema);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema.quoted());
            s.execute("CREATE TABLE IF NOT EXISTS " + versionTable(schema) + " (version integer PRIMARY KEY,"
                    + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        }
        int before = version(c, schema);
        checkNotNewer(before, schema, target);
        for (Script script : scripts.subList(before, scripts.size())) {
            try (Statement s = c.createStatement()) {
                s.execute(script.sql().replace("${schema}", schema.quoted()));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + versionTable(schema)
                    + " (version, description) VALUES (?, ?)")) {
                p.setInt(1, script.version());
                p.setString(2, script.description());
                p.executeUpdate();
            }
        }
        return before;
    }

    /**
     * Checks, without changing anything, that {@code schema} holds published runs of a version this program
     * reads.
     *
     * @throws io.retailseg.InputException when it has none (exit code 1)
     * @throws OutputException when it is newer than this program
     */
    public void checkReadable(Connection c, SqlName schema, PgTarget target) throws SQLException {
        int version;
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, versionTable(schema));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                version = r.getBoolean(1) ? version(c, schema) : 0;
            }
        }
        if (version == 0) {
            throw new io.retailseg.InputException(target.display() + " schema " + schema.quoted(),
                    "no published runs: the schema has no retailseg tables (publish a run with --publish first)");
        }
        checkNotNewer(version, schema, target);
    }

    private void checkNotNewer(int version, SqlName schema, PgTarget target) {
        if (version > latest()) {
            throw new OutputException("cannot use", target.display() + " schema " + schema.quoted(),
                    new IOException("its retailseg schema is at version " + version + ", newer than this program's "
                            + latest() + ": use a newer retailseg"));
        }
    }

    private static int version(Connection c, SqlName schema) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + versionTable(schema))) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String versionTable(SqlName schema) {
        return schema.quoted() + "." + SqlName.quote("schema_version");
    }

    /** One migrating (or publishing) transaction per schema at a time. */
    static void lock(Connection c, SqlName schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            p.setString(1, "retailseg:" + schema.quoted());
            p.executeQuery().close();
        }
    }
}
