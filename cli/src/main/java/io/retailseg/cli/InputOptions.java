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

    /** Where the lines come from; a database's options are checked here, before any work. */
    TransactionSource source(PrintWriter err) {
        if (!Database.isUrl(input)) {
            if (table != null || query != null) {
                throw new UsageException("--table and --query go with a postgresql:// --input, found the file "
                        + input);
            }
            return TransactionSource.file(Path.of(input), ingest());
        }
        if ((table == null) == (query == null)) {
            throw new UsageException("--input " + "postgresql://...: expected --table or --query (one of them)");
        }
        PostgresSource.Relation relation;
        try {
            relation = table != null ? new PostgresSource.Table(Database.name(table, 2, "--table"))
                    : new PostgresSource.Query(query);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new PostgresSource(Database.connections("--input", input, passwordFile, err), relation, ingest());
    }
}
