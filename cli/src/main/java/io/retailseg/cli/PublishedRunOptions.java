package io.retailseg.cli;

import io.retailseg.postgres.PublishedRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which published run to read from a database: shared by {@code score --model URL} and {@code serve --run URL}. */
final class PublishedRunOptions {
    @Option(names = "--schema", paramLabel = "NAME", defaultValue = Database.DEFAULT_SCHEMA,
            description = "With a postgresql:// URL: the schema of the published runs (default: ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "With a postgresql:// URL: this published run instead of the newest.")
    String runId;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the database password (else PGPASSWORD, else ~/.pgpass).")
    Path passwordFile;

    /** The published runs at {@code url} ({@code option} names it in errors). */
    PublishedRuns runs(String option, String url, PrintWriter err) {
        return Database.runs(option, url, schema, passwordFile, err);
    }

    Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** Refuses these options when {@code option} names a folder or file, not a database. */
    void refuseWithout(String option) {
        if (runId != null || passwordFile != null || !Database.DEFAULT_SCHEMA.equals(schema)) {
            throw new UsageException("--schema, --run-id and --password-file go with a postgresql:// " + option);
        }
    }
}
