package io.retailseg.postgres;

import java.util.List;

/**
 * The run tables of one schema in one database: what {@link PostgresSink} writes and {@link PublishedRuns}
 * reads, named for SQL only through {@link SqlName}'s quoting.
 *
 * @param connections the database
 * @param schema the schema ({@code --schema})
 * @param migrations the schema versions this program knows
 */
public record RunTables(PgConnections connections, SqlName schema, Migrations migrations) {
    /** The tables holding a run's rows besides {@code runs}, each with a {@code run_id} column. */
    static final List<String> ROWS = List.of("customers", "segments", "top_products", "recommendations");

    /** {@code postgresql://host:port/db schema "retailseg"}. */
    public String describe() {
        return connections.target().display() + " schema " + schema.quoted();
    }

    /** A table of the schema, quoted for SQL. */
    String table(String name) {
        return schema.quoted() + "." + SqlName.quote(name);
    }
}
