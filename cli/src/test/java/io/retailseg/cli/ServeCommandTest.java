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

    @Test
    void anInvalidHostIsAUsageError(@TempDir Path dir) {
        CliTest.Outcome o = CliTest.execute("serve", "--run", dir.toString(), "--host", "999.1.1.1", "--port", "0");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().strip()).isEqualTo("retailseg: --host 999.1.1.1: not an IP address or a host name this"
                + " machine can resolve");
        assertThat(CliTest.execute("serve", "--run", dir.toString(), "--max-lines", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void aPortInUseIsTheEnvironment(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("lines.csv");
        io.retailseg.generate.SyntheticRetailGenerator.write(6_000, 7, lines);
        Path out = dir.resolve("run");
        assertThat(CliTest.execute("run", "--input", lines.toString(), "--out", out.toString(), "--k", "3")
                .exitCode()).isEqualTo(0);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliTest.Outcome o = CliTest.execute("serve", "--run", out.toString(), "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(o.exitCode()).isEqualTo(4);
            assertThat(o.err().strip()).isEqualTo("retailseg: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use (stop the other server or choose another --port)");
        }
    }
}
