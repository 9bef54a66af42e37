package io.retailseg.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.config.RunConfig;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.io.IngestOptions;
import io.retailseg.publish.RunWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated file read and run with 1 thread and with several gives byte-identical outputs, with the
 * silhouette sampled (a sample smaller than the customers) so the seeded sample is covered too.
 */
class ThreadIndependenceTest {
    private static final List<String> FILES = List.of(RunFolderLayout.CUSTOMERS, RunFolderLayout.RECOMMENDATIONS,
            RunFolderLayout.TOP_PRODUCTS, RunFolderLayout.MODEL);

    @Test
    void outputsAreByteIdenticalForOneThreadAndMany(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("generated.csv");
        SyntheticRetailGenerator.write(60_000, 3, input);
        RunResult one = runAndWrite(input, 1, dir.resolve("one"));
        RunResult many = runAndWrite(input, 4, dir.resolve("many"));

        assertThat(one.kSelection().candidates().get(0).silhouetteSampleSize())
                .as("silhouette sampled").isEqualTo(300);
        assertThat(one.kSelection().candidates()).hasSize(6);
        for (String file : FILES) {
            assertThat(Files.readAllBytes(dir.resolve("many").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(file)));
        }
        assertThat(comparableSummary(dir.resolve("many"))).isEqualTo(comparableSummary(dir.resolve("one")));
        assertThat(many.metrics()).isEqualTo(one.metrics());
    }

    private static RunResult runAndWrite(Path input, int threads, Path out) {
        RunConfig config = RunConfig.builder().threads(threads).kRange(2, 7).silhouetteSampleSize(300).build();
        RunResult r = RetailSeg.run(config, TransactionSource.file(input, IngestOptions.defaults()));
        RunWriter.write(r, out);
        return r;
    }

    /** summary.json without what legitimately differs: timings, the run id and the thread count. */
    private static String comparableSummary(Path out) throws IOException {
        ObjectNode summary = (ObjectNode) new ObjectMapper().readTree(out.resolve(RunFolderLayout.SUMMARY).toFile());
        summary.remove("timings_ms");
        summary.remove("run_id");
        summary.findParents("threads").forEach(p -> ((ObjectNode) p).remove("threads"));
        return summary.toString();
    }
}
