package io.retailseg.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL database named on the command line: {@code postgresql://[USER@]HOST[:PORT]/DB} or
 * {@code jdbc:postgresql://...}; a missing host, port, database or user is taken from {@code PGHOST},
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER} as libpq does (defaults {@code localhost}, 5432, the
 * user's name). A password in the URL (user info or {@code ?password=}) is refused: it would sit in the
 * shell history and the process list.
 *
 * @param host the server's host name
 * @param port its port
 * @param database the database
 * @param user the role to log in as
 */
public record PgTarget(String host, int port, String database, String user) {
    /** The two spellings of the scheme. */
    private static final String SCHEME = "postgresql:";
    private static final String JDBC_SCHEME = "jdbc:postgresql:";
    static final int DEFAULT_PORT = 5432;

    /** Whether {@code text} names a PostgreSQL database rather than a file. */
    public static boolean isUrl(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.startsWith(SCHEME + "//") || t.startsWith(JDBC_SCHEME + "//");
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a one-line message when it is not such a URL or holds a password
     */
    public static PgTarget parse(String text, PgEnvironment env) {
        String t = text.regionMatches(true, 0, JDBC_SCHEME, 0, JDBC_SCHEME.length())
                ? text.substring("jdbc:".length()) : text;
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://HOST:PORT/DATABASE): "
                    + e.getReason());
        }
        if (!"postgresql".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL: expected postgresql://HOST:PORT/DATABASE");
        }
        String userInfo = uri.getRawUserInfo();
        String query = uri.getRawQuery();
        if (userInfo != null && userInfo.contains(":") || query != null && hasPassword(query)) {
            throw new IllegalArgumentException("the URL holds a password: leave it out and give it through"
                    + " PGPASSWORD, ~/.pgpass or --password-file");
        }
        if (query != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URL parameters are not supported: expected postgresql://[USER@]HOST"
                    + "[:PORT]/DATABASE");
        }
        String host = uri.getHost() != null ? uri.getHost() : env.get("PGHOST").orElse("localhost");
        int port = uri.getPort() > 0 ? uri.getPort() : env.get("PGPORT").map(PgTarget::port).orElse(DEFAULT_PORT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.length() > 1 ? decode(path.substring(1)) : env.get("PGDATABASE").orElse("");
        String user = userInfo != null ? decode(userInfo)
                : env.get("PGUSER").orElse(System.getProperty("user.name"));
        if (database.isEmpty()) {
            database = user; // libpq: the database defaults to the user's name
        }
        if (database.contains("/")) {
            throw new IllegalArgumentException("expected one database name after the host, found \"" + database + "\"");
        }
        return new PgTarget(host, port, database, user);
    }

    private static boolean hasPassword(String query) {
        for (String pair : query.split("&")) {
            if (pair.toLowerCase(Locale.ROOT).startsWith("password=") || pair.equalsIgnoreCase("password")) {
                return true;
            }
        }
        return false;
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p > 0 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("PGPORT: expected a port 1..65535, found \"" + text + "\"");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code postgresql://HOST:PORT/DB}: how messages, summary.json and the model name it (no user, no password). */
    public String display() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "postgresql://" + h + ":" + port + "/" + database;
    }

    /** The driver's URL (the user and password go as properties, never in it). */
    /** {@code jdbc:postgresql://HOST:PORT/DB}: the driver's URL (no user, no password). */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + java.net.URLEncoder.encode(database, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
