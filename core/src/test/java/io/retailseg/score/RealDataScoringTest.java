package io.retailseg.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.SharedFiles;
import io.retailseg.config.RunConfig;
import io.retailseg.domain.Transactions;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring equivalence on the real UCI file (skipped when it is absent): a default run, its
 * model written and read back, then every customer's raw lines scored, all in one batch and each
 * customer alone.
 */
class RealDataScoringTest {
    @TempDir
    Path dir;

    @Test
    void everyRealCustomerScoredWithTheirOwnLinesGetsTheRunsResult() throws IOException {
        Path file = SharedFiles.realData();
        Assumptions.assumeTrue(Files.exists(file), "real data not found at " + file.toAbsolutePath());
        Transactions raw = TransactionReader.read(file);
        RunResult run = RetailSeg.run(RunConfig.builder().build(), TransactionSource.of(file.toString(), raw));
        Scorer scorer = Equivalence.scorerFromFile(run, dir);

        Equivalence.Outcome batch = Equivalence.compare(run, scorer.score(raw).customers());
        Equivalence.Outcome alone = Equivalence.compare(run, Equivalence.scoreOneByOne(scorer, raw));
        System.out.printf("real data scoring equivalence: batch %d/%d identical, one by one %d/%d identical%n",
                batch.identical(), batch.customers(), alone.identical(), alone.customers());
        assertThat(batch.differences()).isEmpty();
        assertThat(alone.differences()).isEmpty();
        assertThat(batch.customers()).isEqualTo(4_362);
        assertThat(batch.identical()).isEqualTo(4_362);
        assertThat(alone.identical()).isEqualTo(4_362);
    }
}
