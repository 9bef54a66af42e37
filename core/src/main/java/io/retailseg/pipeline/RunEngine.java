package io.retailseg.pipeline;

import io.retailseg.config.RunConfig;
import io.retailseg.io.IngestOptions;
import io.retailseg.publish.OutputFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Runs every stage on {@code input} and writes the run folder {@code out} with the local engine's
     * files (plus {@code extraFiles}, e.g. the report) and the engine's own.
     *
     * @param master where the engine runs (for Spark a master URL such as {@code local[*]}); empty for the
     *     engine's own default (e.g. the one {@code spark-submit} set)
     * @param input a path or URI the engine reads
     */
    RunResult run(Optional<String> master, String input, IngestOptions ingest, RunConfig config, Path out,
                  Map<String, OutputFolder.DerivedContent> extraFiles);
}
