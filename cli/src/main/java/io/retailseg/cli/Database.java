package io.retailseg.cli;

import io.retailseg.postgres.RunTables;
import io.retailseg.postgres.Migrations;
import io.retailseg.postgres.PgConnections;
import io.retailseg.postgres.Passwords;
import io.retailseg.postgres.PgEnvironment;
import io.retailseg.postgres.PgTarget;
import io.retailseg.postgres.PublishedRuns;
import io.retailseg.postgres.SqlName;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line's PostgreSQL arguments turned into the {@code postgres} module's objects: a malformed URL,
 * a URL holding a password or a name that is not a valid identifier is a usage error (exit code 2), before
 * any connection.
 */
final class Database {
    /** {@code --schema}'s default. */
    static final String DEFAULT_SCHEMA = "retailseg";

    private Database() {
    }

    /** Whether {@code text} (an {@code --input}, {@code --run}, {@code --model}) names a database. */
    static boolean isUrl(String text) {
        return text != null && PgTarget.isUrl(text);
    }

    /** Connections to the database {@code url} names ({@code option} names it in errors). */
    static PgConnections connections(String option, String url, Path passwordFile, PrintWriter err) {
        return PgConnections.of(target(option, url), Optional.ofNullable(passwordFile), PgEnvironment.system(), err);
    }

    /** The database {@code url} names; a malformed URL or one holding a password is a usage error. */
    static PgTarget target(String option, String url) {
        try {
            return PgTarget.parse(url, PgEnvironment.system());
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /**
     * The JDBC connection properties for another engine's reader (the Spark engine's): the user and the
     * password found as for the local engine ({@code --password-file}, {@code PGPASSWORD}, {@code ~/.pgpass};
     * never the command line), the application name and the driver class. A password file's problem is
     * printed as libpq's warning.
     */
    static java.util.Properties jdbcProperties(PgTarget target, Path passwordFile, PrintWriter err) {
        Passwords.Found found = Passwords.find(target, Optional.ofNullable(passwordFile), PgEnvironment.system());
        found.warning().ifPresent(w -> {
            err.println("retailseg: warning: " + w);
            err.flush();
        });
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", target.user());
        found.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "retailseg");
        p.setProperty("driver", "org.postgresql.Driver");
        return p;
    }

    /** {@code --schema NAME} (one part). */
    static SqlName schema(String text) {
        return name(text, 1, "--schema");
    }

    static SqlName name(String text, int parts, String option) {
        try {
            return SqlName.parse(text, parts, option);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The published runs at {@code url}. */
    static PublishedRuns runs(String option, String url, String schema, Path passwordFile, PrintWriter err) {
        return new PublishedRuns(new RunTables(connections(option, url, passwordFile, err), schema(schema),
                Migrations.current()));
    }
}
