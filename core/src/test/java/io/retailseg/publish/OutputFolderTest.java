package io.retailseg.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path tmp;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyFileAppearsWithItsContentAndNoTemporaryIsLeft() throws IOException {
        Path out = tmp.resolve("run");
        new OutputFolder(out)
                .add("summary.json", "{}".getBytes(UTF_8))
                .add("customers.csv", file -> Files.writeString(file, "CustomerID\n17850\n"))
                .commit();

        assertThat(names(out)).containsExactly("customers.csv", "summary.json");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{}");
        assertThat(Files.readString(out.resolve("customers.csv"))).isEqualTo("CustomerID\n17850\n");
    }

    @Test
    void replacesExistingFilesWhenEverythingSucceeds() throws IOException {
        Files.writeString(tmp.resolve("summary.json"), "old");
        new OutputFolder(tmp).add("summary.json", "new".getBytes(UTF_8)).commit();
        assertThat(Files.readString(tmp.resolve("summary.json"))).isEqualTo("new");
    }

    @Test
    void aFailingWriterLeavesNoFileOfTheSetAndKeepsOldContent() throws IOException {
        Files.writeString(tmp.resolve("summary.json"), "old summary");
        Files.writeString(tmp.resolve("unrelated.txt"), "keep me");
        OutputFolder folder = new OutputFolder(tmp)
                .add("summary.json", "new summary".getBytes(UTF_8))
                .add("customers.csv", file -> {
                    Files.writeString(file, "half a fi");
                    throw new IOException("disk full");
                })
                .add("model.json", "{}".getBytes(UTF_8));

        assertThatThrownBy(folder::commit).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");

        assertThat(names(tmp)).containsExactly("summary.json", "unrelated.txt");
        assertThat(Files.readString(tmp.resolve("summary.json"))).isEqualTo("old summary");
        assertThat(Files.readString(tmp.resolve("unrelated.txt"))).isEqualTo("keep me");
    }

    @Test
    void aRuntimeFailureIsRethrownAndCleanedUpToo() throws IOException {
        OutputFolder folder = new OutputFolder(tmp)
                .add("summary.json", "{}".getBytes(UTF_8))
                .add("customers.csv", file -> {
                    throw new IllegalStateException("bug in a writer");
                });

        assertThatThrownBy(folder::commit).isInstanceOf(IllegalStateException.class).hasMessage("bug in a writer");
        assertThat(names(tmp)).isEmpty();
    }

    @Test
    void aFolderTheCallCreatedIsRemovedOnFailure() {
        Path out = tmp.resolve("new-run");
        OutputFolder folder = new OutputFolder(out)
                .add("summary.json", "{}".getBytes(UTF_8))
                .add("customers.csv", file -> {
                    throw new IOException("no space");
                });

        assertThatThrownBy(folder::commit).isInstanceOf(UncheckedIOException.class);
        assertThat(out).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void parentFoldersTheCallCreatedAreRemovedOnFailureToo() {
        Path out = tmp.resolve("a").resolve("b").resolve("run");
        OutputFolder folder = new OutputFolder(out).add("customers.csv", file -> {
            throw new IOException("no space");
        });

        assertThatThrownBy(folder::commit).isInstanceOf(UncheckedIOException.class);
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void aDerivedFileReadsTheFilesOfTheSameCommitAndFailsAllOfThemWhenItFails() throws IOException {
        Path out = tmp.resolve("run");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "kept from before");
        new OutputFolder(out)
                .add("summary.json", "{\"k\": 3}".getBytes(UTF_8))
                .add("report.html", (file, earlier) -> Files.writeString(file,
                        Files.readString(earlier.apply("summary.json")) + " + " + Files.readString(earlier.apply("notes.txt"))))
                .commit();
        assertThat(Files.readString(out.resolve("report.html"))).isEqualTo("{\"k\": 3} + kept from before");

        assertThatThrownBy(() -> new OutputFolder(out)
                .add("summary.json", "{\"k\": 4}".getBytes(UTF_8))
                .add("report.html", (file, earlier) -> {
                    throw new IOException("cannot draw");
                })
                .commit()).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot draw");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{\"k\": 3}");
        assertThat(names(out)).containsExactly("notes.txt", "report.html", "summary.json");
    }
}
