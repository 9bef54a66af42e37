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

    @Override
    public RunResult run(Optional<String> master, String input, IngestOptions ingest, RunConfig config, Path out,
                         Map<String, OutputFolder.DerivedContent> extraFiles) {
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        // no master: spark-submit's (it sets spark.master), else this machine's cores
        String url = master.orElse(System.getProperty("spark.master") == null ? "local[*]" : null);
        SparkSession spark = SparkEngine.session(SparkEngine.builder(url));
        try {
            SparkRun.Outcome outcome = SparkRun.run(spark, config, SparkIngest.Files.of(input), ingest);
            SparkRun.write(spark, outcome, out, extraFiles);
            return outcome.result();
        } finally {
            if (!existing && url != null) {
                spark.stop();
            }
        }
    }
}
