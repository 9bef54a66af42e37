package io.retailseg.cli;

import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.postgres.PostgresSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The transactions (a file, or a PostgreSQL table or query) and how to read another layout: shared by the
 * commands that fit on transactions.
 */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE|URL",
            description = "Transactions: CSV (plain or .gz), XLSX or Parquet (a file or a folder of part files) in"
                    + " the Online Retail layout, or a database"
                    + " postgresql://HOST:PORT/DB (with --table or --query; password from PGPASSWORD, ~/.pgpass or"
                    + " --password-file, never the URL).")
    String input;

    @Option(names = "--table", paramLabel = "[SCHEMA.]TABLE",
            description = "With a postgresql:// --input: the table (or view) of transaction lines.")
    String table;

    @Option(names = "--query", paramLabel = "SELECT",
            description = "With a postgresql:// --input: a SELECT yielding the lines, run in a READ ONLY transaction.")
    String query;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the database password (else PGPASSWORD, else ~/.pgpass).")
    Path passwordFile;

    @Mixin
    InputFormatOptions format;

    IngestOptions ingest() {
        return format.ingestOptions();
    }

    /**
     * What another engine (the Spark engine) reads: the files, or the database relation over JDBC with the
     * local engine's rules (one of --table and --query; the password never on the command line).
     */
    io.retailseg.pipeline.RunEngine.Input engineInput(PrintWriter err) {
        if (!Database.isUrl(input)) {
            if (table != null || query != null) {
                throw new UsageException("--table and --query go with a postgresql:// --input, found the file "
                        + input);
            }
            return new io.retailseg.pipeline.RunEngine.Files(input);
        }
        PostgresSource.Relation relation = relation();
        io.retailseg.postgres.PgTarget target = Database.target("--input", input);
        java.util.Properties connection = Database.jdbcProperties(target, passwordFile, err);
        return new io.retailseg.pipeline.RunEngine.Jdbc(target.jdbcUrl(),
                relation instanceof PostgresSource.Table t ? java.util.Optional.of(t.from()) : java.util.Optional.empty(),
                relation instanceof PostgresSource.Query q ? java.util.Optional.of(q.sql()) : java.util.Optional.empty(),
                connection, target.display() + " " + relation.describe());
    }

    /** Where the lines come from; a database's options are checked here, before any work. */
    TransactionSource source(PrintWriter err) {
        if (!Database.isUrl(input)) {
            if (table != null || query != null) {
                throw new UsageException("--table and --query go with a postgresql:// --input, found the file "
                        + input);
            }
            return TransactionSource.file(Path.of(input), ingest());
        }
        return new PostgresSource(Database.connections("--input", input, passwordFile, err), relation(), ingest());
    }

    /** {@code --table} or {@code --query}, exactly one, checked. */
    private PostgresSource.Relation relation() {
        if ((table == null) == (query == null)) {
            throw new UsageException("--input " + "postgresql://...: expected --table or --query (one of them)");
        }
        try {
            return table != null ? new PostgresSource.Table(Database.name(table, 2, "--table"))
                    : new PostgresSource.Query(query);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
