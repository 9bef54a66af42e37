package io.retailseg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** Messages of the environment's refusals: the path and the system's reason, on one line. */
class OutputExceptionTest {
    @Test
    void diskFullNamesThePathAndTheReason() {
        IOException full = new FileSystemException("/x/run/summary.json", null, "No space left on device");
        assertThat(OutputException.cannotWrite("/x/run/summary.json", full))
                .hasMessage("cannot write /x/run/summary.json: No space left on device");
        assertThat(OutputException.cannotWrite("/x/a", new IOException("No space left on device")))
                .hasMessage("cannot write /x/a: No space left on device");
    }

    @Test
    void permissionDeniedNamesThePathAndTheReason() {
        assertThat(OutputException.cannotWrite("/ro/scored.csv", new AccessDeniedException("/ro/scored.csv")))
                .hasMessage("cannot write /ro/scored.csv: Permission denied");
    }

    @Test
    void aReasonOfSeveralLinesOrAPathWithControlCharactersStaysOneLine() {
        OutputException e = OutputException.cannotWrite("/x/a\nb", new IOException("first\nsecond"));
        assertThat(e).hasMessage("cannot write /x/a\\nb: first");
        assertThat(OutputException.cannotWrite("/x", new IOException())).hasMessage("cannot write /x: IOException");
    }

    @Test
    void echoEscapesEveryControlCharacterAndCutsLongValues() {
        assertThat(Echo.escape("a\u0000b\tc\r\nd\u001b\u007f\u0085\u2028")).isEqualTo("a\\0b\\tc\\r\\nd\\u001b\\u007f\\u0085\\u2028");
        assertThat(Echo.escape(Echo.escape("x\n"))).isEqualTo("x\\n");
        assertThat(Echo.quote("")).isEqualTo("an empty field");
        assertThat(Echo.quote("é".repeat(100))).isEqualTo('"' + "é".repeat(60) + "...\"");
    }
}
