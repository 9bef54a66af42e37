package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retailseg serve} refuses a folder that is not a run and bad options before it binds anything. */
class ServeCommandTest {
    @Test
    void aFolderWithoutARunIsBadInput(@TempDir Path dir) {
        CliTest.Outcome o = CliTest.execute("serve", "--run", dir.toString(), "--port", "0");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err().strip()).isEqualTo("retailseg: " + dir + ": no run.json: not the output folder of"
                + " 'retailseg run' (or the run did not finish)");
        o = CliTest.execute("serve", "--run", dir.resolve("missing").toString());
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.err().strip()).isEqualTo("retailseg: " + dir.resolve("missing") + ": folder not found: expected"
                + " the output folder of 'retailseg run'");
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        assertThat(CliTest.execute("serve").exitCode()).isEqualTo(2);
        assertThat(CliTest.execute("serve", "--run", dir.toString(), "--port", "70000").err())
                .contains("--port: expected 0..65535");
        assertThat(CliTest.execute("serve", "--run", dir.toString(), "--port", "x").exitCode()).isEqualTo(2);
        assertThat(CliTest.execute("serve", "--run", dir.toString(), "--max-body-bytes", "0").exitCode()).isEqualTo(2);
    }
}
