package io.retailseg.pipeline;

import io.retailseg.config.RunConfig;
import io.retailseg.io.IngestOptions;
import io.retailseg.publish.OutputFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * An engine other than the local one that runs the whole pipeline and writes the run folder (the Spark
 * engine of the {@code spark} module). Found at run time with {@link java.util.ServiceLoader}, so the
 * command line does not depend on it: an engine whose module is not on the class path is simply absent.
 */
public interface RunEngine {
    /** The name given to {@code --engine}, e.g. {@code spark}. */
    String name();

    /** What the engine does not run with {@code config}, said before any work; empty when supported. */
    Optional<String> unsupported(RunConfig config);

    /** What an engine reads: files, or a database table or query over JDBC. */
    sealed interface Input permits Files, Jdbc {
        /** How messages and {@code summary.json} name it. */
        String name();
    }

    /** A path or URI the engine reads (a file, a folder or a glob; CSV, gzip or Parquet). */
    record Files(String path) implements Input {
        @Override
        public String name() {
            return path;
        }
    }

    /**
     * A table or a SELECT read over JDBC.
     *
     * @param url the JDBC URL, without a password ({@code jdbc:postgresql://HOST:PORT/DB})
     * @param table the table, quoted as SQL (exactly one of table and query)
     * @param query the SELECT, run as a subquery in a read-only session
     * @param connection the driver's connection properties (user, password when one was found, driver class);
     *     never printed: {@link #toString} leaves them out
     * @param name how messages and {@code summary.json} name the source (no password)
     */
    record Jdbc(String url, Optional<String> table, Optional<String> query, Properties connection, String name)
            implements Input {
        public Jdbc {
            if (table.isPresent() == query.isPresent()) {
                throw new IllegalArgumentException("expected a table or a query, one of them");
            }
        }

        @Override
        public String toString() {
            return "Jdbc[" + name + "]";
        }
    }

    /**
     * Runs every stage on {@code input} and writes the run folder {@code out} with the local engine's
     * files (plus {@code extraFiles}, e.g. the report) and the engine's own.
     *
     * @param master where the engine runs (for Spark a master URL such as {@code local[*]}); empty for the
     *     engine's own default (e.g. the one {@code spark-submit} set)
     * @param input files (a path or URI) or a database relation the engine reads
     */
    RunResult run(Optional<String> master, Input input, IngestOptions ingest, RunConfig config, Path out,
                  Map<String, OutputFolder.DerivedContent> extraFiles);
}
