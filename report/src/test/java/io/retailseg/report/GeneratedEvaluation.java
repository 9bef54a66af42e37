package io.retailseg.report;

import io.retailseg.config.RunConfig;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.HoldoutEvaluation;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.TransactionSource;
import io.retailseg.publish.EvaluationWriter;
import java.nio.file.Path;

/**
 * A hold-out evaluation on generated lines, written as {@code retailseg evaluate --out} writes it (the
 * training fit's run files, {@code evaluation.json} and the report, in one commit), for the report's tests.
 */
record GeneratedEvaluation(HoldoutEvaluation.Result result, Path folder) {
    /** Bootstrap resamples: enough to draw, few to stay fast. */
    static final int RESAMPLES = 3;

    /** Generates {@code rows} lines into {@code dir}, evaluates the last 40 days and writes to {@code dir/evaluation}. */
    static GeneratedEvaluation create(Path dir, long rows) {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(rows, 11, input);
        HoldoutEvaluation.Result result = HoldoutEvaluation.run(RunConfig.builder().k(3).seed(9).build(),
                TransactionSource.file(input, IngestOptions.defaults()),
                new HoldoutEvaluation.Options(HoldoutEvaluation.Split.lastDays(40), RESAMPLES, true),
                ProgressListener.NONE);
        Path folder = dir.resolve("evaluation");
        EvaluationWriter.files(result, folder).add(Report.FILE, Report.fromRunFiles()).commit();
        return new GeneratedEvaluation(result, folder);
    }

    Path report() {
        return folder.resolve(Report.FILE);
    }
}
