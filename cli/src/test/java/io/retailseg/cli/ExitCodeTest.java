package io.retailseg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.retailseg.generate.SyntheticRetailGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit code 4 and one line on stderr when the machine refuses the output, and nothing left half-written. */
class ExitCodeTest {
    @TempDir
    static Path shared;

    private static Path input;

    @BeforeAll
    static void generate() {
        input = shared.resolve("input.csv");
        SyntheticRetailGenerator.write(20_000, 3, input);
    }

    private static CliTest.Outcome run(Path out) {
        return CliTest.execute("run", "--input", input.toString(), "--out", out.toString(), "--k", "3", "--quiet");
    }

    private static void assertEnvironmentError(CliTest.Outcome o, String... contains) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(Main.ENVIRONMENT);
        assertThat(o.err().strip()).doesNotContain("\n").startsWith("retailseg: cannot ").contains(contains);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void anUnwritableFolderIsExit4(@TempDir Path dir) throws IOException {
        assumeFalse(root(), "permission bits do not stop root; covered by the tests below");
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        try {
            assertEnvironmentError(run(readOnly.resolve("run")), readOnly.toString(), "Permission denied");
            assertThat(names(readOnly)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anOutBelowARegularFileIsExit4EvenForRoot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        assertEnvironmentError(run(file.resolve("run")), file.toString(), "Not a directory");
        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(names(dir)).containsExactly("file.txt");
    }

    @Test
    void anOutUnderProcIsExit4EvenForRoot() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        assertEnvironmentError(run(Path.of("/proc/retailseg-exit-code-test")), "/proc/");
    }

    @Test
    void aFullFileSystemIsExit4AndLeavesNothingHalfWritten(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        assumeTrue(Processes.exec("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()) == 0,
                "cannot mount a tmpfs here (needs root and a machine that allows it)");
        try {
            Path out = mount.resolve("run");
            assertEnvironmentError(run(out), mount.toString(), "No space left on device");
            // the staging folder is gone, no link was made: only the hidden folder lock stays
            assertThat(names(mount)).containsExactly(".run.lock");
        } finally {
            Processes.exec("umount", mount.toString());
        }
    }

}
