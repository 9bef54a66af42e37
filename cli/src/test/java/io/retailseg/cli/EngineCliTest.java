package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.retailseg.generate.SyntheticRetailGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine}: the cli does not depend on the spark module, and says so when it is absent. */
class EngineCliTest {
    @Test
    void sparkWithoutTheSparkModuleIsAnEnvironmentErrorBeforeAnyWork(@TempDir Path dir) {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(200, 1, input);
        CliTest.Outcome o = CliTest.execute("run", "--engine", "spark", "--input", input.toString(),
                "--out", dir.resolve("run").toString(), "--quiet");
        assertThat(o.exitCode()).isEqualTo(Main.ENVIRONMENT);
        assertThat(o.err()).startsWith("retailseg: --engine spark: the spark module is not on the class path")
                .doesNotContain("\tat ");
        assertThat(o.err().lines().count()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void anUnknownEngineOrAMasterWithoutSparkIsAUsageError(@TempDir Path dir) {
        Path input = dir.resolve("lines.csv");
        SyntheticRetailGenerator.write(200, 1, input);
        String out = dir.resolve("run").toString();
        CliTest.Outcome unknown = CliTest.execute("run", "--engine", "flink", "--input", input.toString(),
                "--out", out, "--quiet");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("--engine: expected local or spark, found \"flink\"");
        CliTest.Outcome master = CliTest.execute("run", "--master", "local[2]", "--input", input.toString(),
                "--out", out, "--quiet");
        assertThat(master.exitCode()).isEqualTo(Main.USAGE);
        assertThat(master.err()).contains("--master goes with --engine spark");
    }
}
