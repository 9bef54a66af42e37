package io.retailseg.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a system command for a test (mkfifo, mount): its exit code, -1 when it is missing or hangs. */
final class Processes {
    private Processes() {
    }

    static int exec(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1; // no such command
        }
    }
}
