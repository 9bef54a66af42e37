package io.retailseg.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.OutputException;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.runfolder.RunJson;
import io.retailseg.runfolder.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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

    /** Entries of {@code parent} other than the folder lock, which stays once a folder has been written. */
    private static List<String> entries(Path parent) throws IOException {
        return names(parent).stream().filter(n -> !n.endsWith(".lock")).toList();
    }

    @Test
    void everyFileAppearsWithItsContentAndTheManifestDescribesThem() throws IOException {
        Path out = tmp.resolve("run");
        OutputFolder folder = new OutputFolder(out)
                .add("summary.json", "{}".getBytes(UTF_8))
                .add("customers.csv", file -> Files.writeString(file, "CustomerID\n17850\n"));
        folder.commit();

        assertThat(folder.runId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
        assertThat(Files.isSymbolicLink(out)).isTrue();
        assertThat(Files.readSymbolicLink(out).toString()).isEqualTo("run." + folder.runId());
        assertThat(names(out)).containsExactly("customers.csv", "run.json", "summary.json");
        assertThat(entries(tmp)).containsExactly("run", "run." + folder.runId());
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{}");
        assertThat(Files.readString(out.resolve("customers.csv"))).isEqualTo("CustomerID\n17850\n");

        RunManifest m = RunJson.read(out.resolve("run.json"), RunManifest.class);
        assertThat(m.format()).isEqualTo("retailseg-run");
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.runId()).isEqualTo(folder.runId());
        assertThat(java.time.Instant.parse(m.createdAt())).isNotNull();
        assertThat(m.files()).extracting(RunManifest.FileEntry::name).containsExactly("summary.json", "customers.csv");
        assertThat(m.files().get(1).bytes()).isEqualTo(17);
        // CRC-32C of "{}" from a bitwise Castagnoli reference in Python (which gives the standard e3069283 for "123456789")
        assertThat(m.files().get(0).crc32c()).isEqualTo(CRC32C_OF_BRACES);
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"format_version\"", "\"run_id\"",
                "\"created_at\"", "\"crc32c\"");

        RunFolderReader.Run run = RunFolderReader.open(out);
        assertThat(run.runId()).isEqualTo(folder.runId());
        assertThat(run.folder()).isEqualTo(tmp.toRealPath().resolve("run." + folder.runId()));
    }

    private static final String CRC32C_OF_BRACES = "297bd0aa";

    @Test
    void aSecondCommitSwapsTheLinkAndKeepsOneRunBackThenCleansOlderOnes() throws IOException {
        Path out = tmp.resolve("run");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OutputFolder f = new OutputFolder(out).add("summary.json", ("v" + i).getBytes(UTF_8));
            f.commit();
            ids.add(f.runId());
            assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("v" + i);
        }
        assertThat(entries(tmp)).containsExactlyInAnyOrder("run", "run." + ids.get(3), "run." + ids.get(2));
    }

    @Test
    void aFailingWriterLeavesTheOldRunAndNoStagingFolder() throws IOException {
        Path out = tmp.resolve("run");
        OutputFolder first = new OutputFolder(out).add("summary.json", "old summary".getBytes(UTF_8));
        first.commit();
        OutputFolder folder = new OutputFolder(out)
                .add("summary.json", "new summary".getBytes(UTF_8))
                .add("customers.csv", file -> {
                    Files.writeString(file, "half a fi");
                    throw new IOException("disk full");
                })
                .add("model.json", "{}".getBytes(UTF_8));

        assertThatThrownBy(folder::commit).isInstanceOf(OutputException.class).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + out.toAbsolutePath() + "/customers.csv: disk full");

        assertThat(entries(tmp)).containsExactly("run", "run." + first.runId());
        assertThat(names(out)).containsExactly("run.json", "summary.json");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("old summary");
        assertThat(RunFolderReader.open(out).runId()).isEqualTo(first.runId());
    }

    @Test
    void aRuntimeFailureIsRethrownAndCleanedUpToo() throws IOException {
        OutputFolder folder = new OutputFolder(tmp.resolve("run"))
                .add("summary.json", "{}".getBytes(UTF_8))
                .add("customers.csv", file -> {
                    throw new IllegalStateException("bug in a writer");
                });

        assertThatThrownBy(folder::commit).isInstanceOf(IllegalStateException.class).hasMessage("bug in a writer");
        assertThat(entries(tmp)).isEmpty();
    }

    @Test
    void parentFoldersTheCallCreatedAreRemovedOnFailure() {
        Path out = tmp.resolve("a").resolve("b").resolve("run");
        OutputFolder folder = new OutputFolder(out).add("customers.csv", file -> {
            throw new IOException("no space");
        });

        assertThatThrownBy(folder::commit).isInstanceOf(OutputException.class);
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void aDerivedFileReadsTheStagedFilesOfTheSameCommitAndFailsAllOfThemWhenItFails() throws IOException {
        Path out = tmp.resolve("run");
        new OutputFolder(out)
                .add("summary.json", "{\"k\": 3}".getBytes(UTF_8))
                .add("report.html", (file, earlier) -> {
                    assertThat(earlier.apply("summary.json").getParent().getFileName().toString()).endsWith(".staging");
                    assertThat(earlier.apply("evaluation.json")).doesNotExist();
                    Files.writeString(file, "report of " + Files.readString(earlier.apply("summary.json")));
                })
                .commit();
        assertThat(Files.readString(out.resolve("report.html"))).isEqualTo("report of {\"k\": 3}");

        assertThatThrownBy(() -> new OutputFolder(out)
                .add("summary.json", "{\"k\": 4}".getBytes(UTF_8))
                .add("report.html", (file, earlier) -> {
                    throw new IOException("cannot draw");
                })
                .commit()).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot draw");
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{\"k\": 3}");
        assertThat(names(out)).containsExactly("report.html", "run.json", "summary.json");
    }

    /**
     * Files are written side by side: a derived file that reads only the quick files is written while a
     * large file added before it is still being written (here the large file waits until the report is done,
     * which would never happen if the files were written one after another).
     */
    @Test
    void aDerivedFileIsWrittenWhileALargerFileItDoesNotReadIsStillBeingWritten() throws IOException {
        Path out = tmp.resolve("run");
        CountDownLatch reportWritten = new CountDownLatch(1);
        new OutputFolder(out)
                .add("customers.csv", "id\n1\n".getBytes(UTF_8))
                .add("model.json", file -> {
                    try {
                        if (!reportWritten.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new IOException("the report was not written beside the model");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    Files.writeString(file, "{\"model\": 1}");
                })
                .add("summary.json", file -> {
                    Files.writeString(file, "{\"k\": ");
                    Files.writeString(file, "{\"k\": 3}");
                })
                .add("report.html", (file, earlier) -> {
                    assertThat(earlier.apply("later.json")).doesNotExist();
                    Files.writeString(file, Files.readString(earlier.apply("customers.csv"))
                            + Files.readString(earlier.apply("summary.json")));
                    reportWritten.countDown();
                })
                .add("later.json", "{}".getBytes(UTF_8))
                .commit();
        assertThat(Files.readString(out.resolve("report.html"))).isEqualTo("id\n1\n{\"k\": 3}");
        assertThat(Files.readString(out.resolve("model.json"))).isEqualTo("{\"model\": 1}");
        RunManifest manifest = RunJson.read(out.resolve("run.json"), RunManifest.class);
        assertThat(manifest.files().stream().map(RunManifest.FileEntry::name).toList())
                .containsExactly("customers.csv", "model.json", "summary.json", "report.html", "later.json");
    }

    /** A file that fails is the one named, also when a derived file that reads it fails because of it. */
    @Test
    void theFirstFileThatFailsIsNamedWhenADerivedFileWaitedForIt() {
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> new OutputFolder(out)
                .add("summary.json", file -> {
                    throw new IOException("disk full");
                })
                .add("report.html", (file, earlier) -> Files.readString(earlier.apply("summary.json")))
                .commit()).isInstanceOf(UncheckedIOException.class).hasMessageContaining("summary.json")
                .hasMessageContaining("disk full");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSymbolicLinkPlantedAtTheStagingPathIsNotFollowed() throws IOException {
        Path victim = Files.createDirectory(tmp.resolve("victim"));
        Path out = tmp.resolve("run");
        OutputFolder folder = new OutputFolder(out).add("summary.json", "{}".getBytes(UTF_8));
        Files.createSymbolicLink(tmp.resolve(".run." + folder.runId() + ".staging"), victim);

        assertThatThrownBy(folder::commit).isInstanceOf(OutputException.class).hasMessageContaining(".staging");
        assertThat(names(victim)).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aSymbolicLinkPlantedAtAFileOfTheStagingFolderIsNotFollowed() throws IOException {
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path out = tmp.resolve("run");
        OutputFolder folder = new OutputFolder(out)
                .add("summary.json", file -> {
                    Files.writeString(file, "{}");
                    Files.createSymbolicLink(file.resolveSibling("customers.csv"), victim);
                })
                // files are written on two threads: this one waits for summary.json, so whichever thread takes
                // customers.csv does so after the link was planted
                .add("data_profile.json", (file, earlier) -> Files.copy(earlier.apply("summary.json"), file,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING))
                .add("customers.csv", "overwritten".getBytes(UTF_8));

        assertThatThrownBy(folder::commit).isInstanceOf(OutputException.class).hasMessageContaining("customers.csv");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(entries(tmp)).containsExactly("victim.txt");
    }

    @Test
    void staleStagingFoldersOfDeadWritersAndLeftoverLinksAreCleanedButALiveWritersIsKept() throws IOException {
        Path out = tmp.resolve("run");
        new OutputFolder(out).add("summary.json", "{}".getBytes(UTF_8)).commit();
        Path dead = Files.createDirectory(tmp.resolve(".run.20200101T000000Z-aaaaaa.staging"));
        Files.writeString(dead.resolve(OutputFolder.WRITER_LOCK), "");
        Files.writeString(dead.resolve("summary.json"), "half");
        Path noLock = Files.createDirectory(tmp.resolve(".run.20200101T000000Z-bbbbbb.staging"));
        Path live = Files.createDirectory(tmp.resolve(".run.20200101T000000Z-cccccc.staging"));
        Path leftoverLink = Files.createSymbolicLink(tmp.resolve(".run.20200101T000000Z-dddddd.link"),
                Path.of("run.20200101T000000Z-dddddd"));
        Path otherName = Files.createDirectory(tmp.resolve(".run.x.20200101T000000Z-eeeeee.staging"));
        // a live writer of another process: its lock is held (here by a child process we cannot have, so
        // by a lock this test holds through a channel the code under test never opens: a JVM-held lock
        // makes tryLock throw, which also counts as alive)
        Path liveLock = live.resolve(OutputFolder.WRITER_LOCK);
        try (FileChannel ch = FileChannel.open(liveLock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.lock();
            new OutputFolder(out).add("summary.json", "{}".getBytes(UTF_8)).commit();
            assertThat(dead).doesNotExist();
            assertThat(noLock).doesNotExist();
            assertThat(Files.exists(leftoverLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(live).exists();
            assertThat(otherName).exists();
        }
    }

    @Test
    void firstUseOfAnEmptyFolderReplacesItWithTheLink() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("run"));
        new OutputFolder(out).add("summary.json", "{}".getBytes(UTF_8)).commit();
        assertThat(Files.isSymbolicLink(out)).isTrue();
        assertThat(names(out)).containsExactly("run.json", "summary.json");
    }

    @Test
    void firstUseOfAnOlderVersionsRunMovesItAsideAsLegacy() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(out.resolve("summary.json"), "old");
        Files.writeString(out.resolve("customers.csv"), "old");
        OutputFolder folder = new OutputFolder(out).add("summary.json", "new".getBytes(UTF_8));
        folder.commit();
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("new");
        Path legacy = tmp.resolve("run.legacy-" + folder.runId());
        assertThat(names(legacy)).containsExactly("customers.csv", "summary.json");
        // a later commit does not delete what the user had
        new OutputFolder(out).add("summary.json", "newer".getBytes(UTF_8)).commit();
        new OutputFolder(out).add("summary.json", "newest".getBytes(UTF_8)).commit();
        assertThat(legacy).exists();
    }

    @Test
    void aFolderOfOtherFilesOrAFileIsRefusedAndLeftAlone() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("photos"));
        Files.writeString(out.resolve("holiday.jpg"), "jpg");
        assertThatThrownBy(() -> new OutputFolder(out).add("summary.json", "{}".getBytes(UTF_8)).commit())
                .isInstanceOf(InputException.class)
                .hasMessage(out + ": holds files that are not a retailseg run; choose another --out (a new or"
                        + " empty folder, or the --out of an earlier run)");
        assertThatThrownBy(() -> OutputFolder.checkTarget(out)).isInstanceOf(InputException.class);
        assertThat(names(out)).containsExactly("holiday.jpg");

        Path file = tmp.resolve("file.txt");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new OutputFolder(file).add("summary.json", "{}".getBytes(UTF_8)).commit())
                .isInstanceOf(InputException.class).hasMessageContaining("is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(entries(tmp)).containsExactlyInAnyOrder("photos", "file.txt");
    }

    @Test
    void aPathBelowARegularFileIsAnEnvironmentError() throws IOException {
        Path file = tmp.resolve("file.txt");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new OutputFolder(file.resolve("run")).add("summary.json", "{}".getBytes(UTF_8))
                .commit()).isInstanceOf(OutputException.class)
                .hasMessage("cannot create folder " + file + ": Not a directory");
    }

    @Test
    void twoThreadsCommittingToOneFolderBothFinishAndTheLinkPointsToOneCompleteRun() throws Exception {
        Path out = tmp.resolve("run");
        new OutputFolder(out).add("summary.json", "first".getBytes(UTF_8)).commit();
        for (int round = 0; round < 10; round++) {
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String value = "round " + round + " thread " + t;
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        new OutputFolder(out)
                                .add("summary.json", value.getBytes(UTF_8))
                                .add("customers.csv", f -> Files.writeString(f, value))
                                .commit();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failure.get()).isNull();
            RunFolderReader.Run run = RunFolderReader.open(out);
            assertThat(Files.readString(run.file("summary.json"))).startsWith("round " + round)
                    .isEqualTo(Files.readString(run.file("customers.csv")));
            assertThat(names(tmp).stream().filter(n -> n.endsWith(".staging") || n.endsWith(".link"))).isEmpty();
        }
    }

    @Test
    void aReaderNeverSeesAMixWhileRunsAreCommitted() throws Exception {
        Path out = tmp.resolve("run");
        new OutputFolder(out).add("a.txt", "0".getBytes(UTF_8)).add("b.txt", "0".getBytes(UTF_8)).commit();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    RunFolderReader.Run run = RunFolderReader.open(out);
                    String a;
                    String b;
                    try {
                        a = Files.readString(run.file("a.txt"));
                        b = Files.readString(run.file("b.txt"));
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // kept one run back only: a reader slower than two commits loses its folder
                        // (documented), it never reads a file of another run
                        assertThat(Files.readSymbolicLink(out).toString()).isNotEqualTo(run.folder().getFileName().toString());
                        continue;
                    }
                    if (!a.equals(b)) {
                        throw new AssertionError("mixed runs: a=" + a + " b=" + b);
                    }
                    seen.add(a);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        reader.start();
        for (int i = 1; i <= 60; i++) {
            byte[] v = Integer.toString(i).getBytes(UTF_8);
            new OutputFolder(out).add("a.txt", v).add("b.txt", v).commit();
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(seen).isNotEmpty();
    }
}
