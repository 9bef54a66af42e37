package io.retailseg.report;

import io.retailseg.config.RunConfig;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.RunWriter;
import java.nio.file.Path;

/** A run of the whole pipeline on generated lines, written with its report, for the report's tests. */
record GeneratedRun(RunResult result, Path folder) {
    /** Generates {@code rows} lines into {@code dir}, runs the pipeline and writes the run and report to {@code dir/run}. */
    static GeneratedRun create(Path dir, long rows, RunConfig config) {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(rows, 11, input);
        RunResult result = RetailSeg.run(config, TransactionSource.file(input, IngestOptions.defaults()));
        Path folder = dir.resolve("run");
        RunWriter.files(result, folder).add(Report.FILE, Report.fromRunFiles()).commit();
        return new GeneratedRun(result, folder);
    }

    Path report() {
        return folder.resolve(Report.FILE);
    }
}
