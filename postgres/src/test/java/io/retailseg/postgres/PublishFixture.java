package io.retailseg.postgres;

import io.retailseg.config.RunConfig;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Small runs to publish: generated lines, a fixed configuration. */
final class PublishFixture {
    private PublishFixture() {
    }

    /** A run of {@code rows} generated lines with generator seed {@code seed}. */
    static RunResult run(int rows, long seed) {
        try {
            Path dir = Files.createTempDirectory("retailseg-publish");
            Path file = dir.resolve("lines.csv");
            SyntheticRetailGenerator.write(rows, seed, file);
            RunResult r = RetailSeg.run(RunConfig.builder().seed(3).threads(2).build(),
                    TransactionSource.file(file, IngestOptions.defaults()));
            Files.delete(file);
            Files.delete(dir);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code result} as run {@code runId}, finished {@code minute} minutes after 2026-01-01T00:00Z. */
    static PostgresSink.Run published(String runId, int minute, RunResult result) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minute);
        return new PostgresSink.Run(runId, t.minusSeconds(30), t, result);
    }
}
