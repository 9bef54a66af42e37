package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seeded mutations of a generated file through {@code retailseg run} into an existing run folder: exit 0
 * or 1 (never 3), one line on stderr without a stack trace or raw control characters, and on a failure the
 * folder is exactly as it was (same link target, same files). The reader's own fuzz test is
 * {@code TransactionReaderFuzzTest} in core (300 files).
 */
class CsvFuzzCliTest {
    static final int FILES = 12;
    private static final String[] ODD = {"1e308", "\u0000", "\"", "\u001b[2J", "99999999999999999999", "\r", ",",
        "\u00ff\u00fe", "-1e200", "12/31/1899 8:00"};

    @Test
    void mutatedFilesNeverEndAsInternalErrorsNorTouchTheFolderOnFailure(@TempDir Path dir) throws IOException {
        Path valid = dir.resolve("valid.csv");
        SyntheticRetailGenerator.write(600, 3, valid);
        Path out = dir.resolve("run");
        CliTest.Outcome first = CliTest.execute("run", "--input", valid.toString(), "--out", out.toString(), "--k",
                "2", "--quiet", "--no-report");
        assertThat(first.exitCode()).as(first.err()).isZero();
        String text = Files.readString(valid, StandardCharsets.UTF_8);
        Random random = new Random(14);
        for (int i = 0; i < FILES; i++) {
            long seed = random.nextLong();
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder(text);
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                int at = 90 + r.nextInt(sb.length() - 90); // after the header
                switch (r.nextInt(3)) {
                    case 0 -> sb.insert(at, ODD[r.nextInt(ODD.length)]);
                    case 1 -> sb.setLength(at);
                    default -> sb.setCharAt(at, (char) r.nextInt(0x100));
                }
            }
            byte[] bytes = sb.toString().getBytes(r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Path in = Files.write(dir.resolve("fuzz" + i + ".csv"), bytes);
            Path target = Files.readSymbolicLink(out);
            byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
            CliTest.Outcome o = CliTest.execute("run", "--input", in.toString(), "--out", out.toString(), "--k", "2",
                    "--quiet", "--no-report");
            assertThat(o.exitCode()).as("seed %d: %s", seed, o.err()).isIn(Main.OK, Main.BAD_INPUT);
            if (o.exitCode() == Main.BAD_INPUT) {
                HardeningCliTest.assertOneLine(o, Main.BAD_INPUT, in.toString());
                assertThat(Files.readSymbolicLink(out)).as("seed %d", seed).isEqualTo(target);
                assertThat(Files.readAllBytes(out.resolve("summary.json"))).isEqualTo(summary);
            }
        }
    }
}
