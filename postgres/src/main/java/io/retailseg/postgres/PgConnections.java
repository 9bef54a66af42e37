package io.retailseg.postgres;

import io.retailseg.OutputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens connections to a {@link PgTarget} with the password {@link Passwords} finds; a refusal (server down,
 * wrong password, no such database) is an {@link OutputException} naming the database, never the password.
 */
public final class PgConnections {
    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final PgTarget target;
    private final Optional<String> password;

    private PgConnections(PgTarget target, Optional<String> password) {
        this.target = target;
        this.password = password;
    }

    /**
     * Connections to {@code target}.
     *
     * @param passwordFile {@code --password-file}
     * @param warnings where a password file's problem (libpq's warning) goes
     */
    public static PgConnections of(PgTarget target, Optional<Path> passwordFile, PgEnvironment env,
                                   PrintWriter warnings) {
        Passwords.Found found = Passwords.find(target, passwordFile, env);
        found.warning().ifPresent(w -> {
            warnings.println("retailseg: warning: " + w);
            warnings.flush();
        });
        return new PgConnections(target, found.password());
    }

    public PgTarget target() {
        return target;
    }

    /** A new connection, auto-commit off. */
    public Connection open() {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", "retailseg");
        p.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        p.setProperty("socketFactory", BufferedSocketFactory.class.getName()); // fewer reads of a large COPY
        try {
            Connection c = new org.postgresql.Driver().connect(target.jdbcUrl(), p);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            String hint = password.isEmpty() && "08004".equals(e.getSQLState())
                    ? " (no password given: use PGPASSWORD, ~/.pgpass or --password-file)" : "";
            throw refused("cannot connect to", e, hint);
        }
    }

    /** The database refused or failed: {@code WHAT postgresql://host:port/db: REASON}, exit code 4. */
    OutputException refused(String what, SQLException e, String hint) {
        return new OutputException(what, target.display(), new IOException(reason(e) + hint, e));
    }

    /** The server's message on one line (pgjdbc adds "Detail:"/"Position:" lines). */
    static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
