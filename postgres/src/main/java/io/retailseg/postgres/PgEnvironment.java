package io.retailseg.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What libpq reads from the environment ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER},
 * {@code PGPASSWORD}, {@code PGPASSFILE}) and the home folder ({@code ~/.pgpass}), given explicitly so tests
 * can set them.
 *
 * @param variables environment variables
 * @param home the user's home folder
 */
public record PgEnvironment(Map<String, String> variables, Path home) {
    public PgEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment and {@code user.home}. */
    public static PgEnvironment system() {
        return new PgEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** A variable's value, empty when unset or blank. */
    Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
