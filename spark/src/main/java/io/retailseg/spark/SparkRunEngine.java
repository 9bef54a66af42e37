package io.retailseg.spark;

import io.retailseg.config.RunConfig;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.RunEngine;
import io.retailseg.pipeline.RunResult;
import io.retailseg.publish.OutputFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code retailseg run --engine spark}: found by the command line through {@link java.util.ServiceLoader}.
 * Joins the SparkSession of {@code spark-submit} when there is one (no master given), else starts one on
 * the given master; the session is stopped after the run only when this engine started it.
 */
public final class SparkRunEngine implements RunEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Optional<String> unsupported(RunConfig config) {
        return SparkRun.unsupported(config);
    }

    /**
     * The engine's source for {@code input}: files by name (Parquet when the name ends in {@code .parquet}), or
     * Spark's JDBC reader with the connection properties the command line found, each connection made read-only
     * first (as the local engine runs a query in a READ ONLY transaction).
     */
    static SparkIngest.Source source(RunEngine.Input input) {
        if (input instanceof RunEngine.Jdbc j) {
            java.util.Properties options = new java.util.Properties();
            options.putAll(j.connection());
            options.setProperty("sessionInitStatement", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            return new SparkIngest.Jdbc(j.url(), j.table(), j.query(), options);
        }
        return SparkIngest.Files.of(((RunEngine.Files) input).path());
    }

    /**
     * The database refused or failed (server down, wrong password, no such table): the local engine's
     * {@code cannot read postgresql://HOST:PORT/DB table T: REASON} (exit code 4), never the password;
     * empty for any other failure.
     */
    static Optional<io.retailseg.OutputException> refused(RunEngine.Jdbc source, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the driver's own exception when Spark keeps it, else Spark's FAILED_JDBC.* error (its message
            // shows the URL redacted)
            boolean jdbc = t instanceof org.apache.spark.SparkThrowable s && s.getCondition() != null
                    && s.getCondition().startsWith("FAILED_JDBC");
            if (t instanceof java.sql.SQLException || jdbc) {
                return Optional.of(new io.retailseg.OutputException("cannot read", source.name(),
                        new java.io.IOException(firstLine(t), t)));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    @Override
    public RunResult run(Optional<String> master, RunEngine.Input input, IngestOptions ingest, RunConfig config, Path out,
                         Map<String, OutputFolder.DerivedContent> extraFiles) {
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        // no master: spark-submit's (it sets spark.master), else this machine's cores
        String url = master.orElse(System.getProperty("spark.master") == null ? "local[*]" : null);
        SparkSession spark = SparkEngine.session(SparkEngine.builder(url));
        try {
            SparkRun.Outcome outcome;
            try {
                outcome = SparkRun.run(spark, config, source(input), ingest);
            } catch (Exception e) { // Spark's AnalysisException is checked, thrown from Scala undeclared
                if (input instanceof RunEngine.Jdbc j) {
                    refused(j, e).ifPresent(r -> {
                        throw r;
                    });
                }
                throw e;
            }
            SparkRun.write(spark, outcome, out, extraFiles);
            return outcome.result();
        } finally {
            if (!existing && url != null) {
                spark.stop();
            }
        }
    }
}
