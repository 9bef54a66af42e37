package io.retailseg.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.retailseg.config.RunConfig;
import io.retailseg.generate.SyntheticRetailGenerator;
import io.retailseg.domain.Transactions;
import io.retailseg.io.IngestOptions;
import io.retailseg.io.TransactionReader;
import io.retailseg.pipeline.ProgressListener;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.TransactionSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins every output of a run for one generated input, seed and options: the SHA-256 of each file of
 * the run folder is compared with {@code golden/generated-8000-seed11.sha256}. What legitimately varies
 * between two runs of the same input (the run's id and time, the stage timings, the retailseg version)
 * is taken out before hashing. When an output is meant to change, regenerate the file with
 * {@code -Dretailseg.golden.update=true} and say why in the commit.
 */
class GoldenRunTest {
    private static final String GOLDEN = "/golden/generated-8000-seed11.sha256";
    private static final List<String> FILES = List.of("customers.csv", "top_products.csv", "recommendations.csv",
            "model.json", "summary.json", "data_profile.json");
    private static final List<String> VOLATILE = List.of("timings_ms", "run_id", "created_at", "retailseg_version");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "generated-8000-seed11";

    @TempDir
    Path dir;

    @Test
    void everyOutputOfARunIsPinned() throws Exception {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(8_000, 11, input);
        assertPinned(TransactionSource.of(NAME, TransactionReader.read(input)));
    }

    /**
     * The same outputs when the lines are read as a run reads a file: the lines without CustomerID or
     * Description counted, not stored ({@link TransactionSource#loadToClean}), and the cleaned lines compacted
     * into the storage they came from. Only the name and fingerprint are the in-memory source's, which the
     * pinned {@code model.json} and {@code summary.json} record.
     */
    @Test
    void aFileReadAsARunReadsItGivesThePinnedOutputs() throws Exception {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(8_000, 11, input);
        TransactionSource file = TransactionSource.file(input, IngestOptions.defaults());
        assertThat(file.loadToClean(ProgressListener.NONE).incomplete().lines()).as("lines counted, not stored")
                .isPositive();
        assertPinned(new TransactionSource() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Transactions load() {
                return file.load();
            }

            @Override
            public Transactions loadToClean(ProgressListener progress) {
                return file.loadToClean(progress);
            }

            @Override
            public boolean loadsAfresh() {
                return file.loadsAfresh();
            }
        });
    }

    private void assertPinned(TransactionSource source) throws Exception {
        RunResult r = RetailSeg.run(RunConfig.builder().seed(7).threads(2).build(), source);
        Path out = dir.resolve("run");
        RunWriter.write(r, out);
        Map<String, String> actual = new TreeMap<>();
        for (String name : FILES) {
            actual.put(name, sha256(stable(name, Files.readAllBytes(out.resolve(name)))));
        }
        if (Boolean.getBoolean("retailseg.golden.update")) {
            Path target = Path.of("src/test/resources" + GOLDEN);
            StringBuilder sb = new StringBuilder();
            actual.forEach((name, hash) -> sb.append(hash).append("  ").append(name).append('\n'));
            Files.writeString(target, sb.toString());
        }
        assertThat(actual).isEqualTo(golden());
    }

    /** The file without what varies between two runs of the same input. */
    private static byte[] stable(String name, byte[] bytes) throws IOException {
        if (!name.endsWith(".json")) {
            return bytes;
        }
        JsonNode tree = JSON.readTree(bytes);
        strip(tree);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(VOLATILE);
        }
        node.forEach(GoldenRunTest::strip);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Map<String, String> golden() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (InputStream in = GoldenRunTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN + " on the test class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    expected.put(line.substring(line.indexOf("  ") + 2).trim(), line.substring(0, line.indexOf("  ")));
                }
            }
        }
        return expected;
    }
}
