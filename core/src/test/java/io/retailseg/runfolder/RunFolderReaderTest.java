package io.retailseg.runfolder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.retailseg.InputException;
import io.retailseg.publish.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderReaderTest {
    @TempDir
    Path tmp;

    private Path run() {
        Path out = tmp.resolve("run");
        new OutputFolder(out).add("summary.json", "{\"k\": 3}".getBytes(UTF_8))
                .add("customers.csv", "CustomerID\n1\n".getBytes(UTF_8)).commit();
        return out;
    }

    @Test
    void opensTheRealFolderOnceAndNamesItsFiles() throws IOException {
        Path out = run();
        RunFolderReader.Run r = RunFolderReader.open(out);
        assertThat(r.folder()).isEqualTo(out.toRealPath());
        assertThat(r.names()).containsExactly("summary.json", "customers.csv");
        assertThat(r.has("customers.csv")).isTrue();
        assertThat(r.has("evaluation.json")).isFalse();
        // a later run swaps the link; the opened run still reads its own files
        new OutputFolder(out).add("summary.json", "{\"k\": 4}".getBytes(UTF_8)).commit();
        assertThat(Files.readString(r.file("summary.json"))).isEqualTo("{\"k\": 3}");
    }

    @Test
    void aListedFilesBytesAreCheckedAgainstTheManifestWhenRead() throws IOException {
        Path out = run();
        RunFolderReader.Run r = RunFolderReader.open(out);
        assertThat(new String(r.bytes("customers.csv"), UTF_8)).isEqualTo("CustomerID\n1\n");
        assertThatThrownBy(() -> r.bytes("report.html")).isInstanceOf(InputException.class)
                .hasMessage(out + "/report.html: not listed in run.json: not a file of this run");
        // changed after the folder was opened: refused, not handed out
        Files.writeString(r.file("customers.csv"), "CustomerID\n2\n");
        assertThatThrownBy(() -> r.bytes("customers.csv")).isInstanceOf(InputException.class)
                .hasMessage(out + "/customers.csv: disagrees with run.json: the file was changed after the run wrote it");
    }

    @Test
    void aChangedFileIsNamedWithWhatDisagrees() throws IOException {
        Path out = run();
        Files.writeString(out.resolve("customers.csv"), "CustomerID\n2\n");
        assertThatThrownBy(() -> RunFolderReader.open(out)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(out + "/customers.csv: CRC-32C ")
                .hasMessageContaining("disagrees with run.json");
        Files.writeString(out.resolve("customers.csv"), "CustomerID\n");
        assertThatThrownBy(() -> RunFolderReader.open(out)).isInstanceOf(InputException.class)
                .hasMessage(out + "/customers.csv: size 11 bytes disagrees with run.json (13 bytes): the file was"
                        + " changed after the run wrote it");
        Files.delete(out.resolve("customers.csv"));
        assertThatThrownBy(() -> RunFolderReader.open(out)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(out + "/customers.csv: missing");
    }

    @Test
    void anOlderVersionsFolderIsRefusedWithAdviceToReRun() throws IOException {
        Path old = Files.createDirectory(tmp.resolve("old"));
        Files.writeString(old.resolve("summary.json"), "{}");
        assertThatThrownBy(() -> RunFolderReader.open(old)).isInstanceOf(InputException.class)
                .hasMessageContaining("no run.json: written by an older retailseg version; re-run");
        assertThatThrownBy(() -> RunFolderReader.open(tmp.resolve("missing"))).isInstanceOf(InputException.class)
                .hasMessageContaining("folder not found");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> RunFolderReader.open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("not the output folder");
    }

    @Test
    void aMalformedManifestIsOneLineNamingTheField() throws IOException {
        Path out = run();
        Path real = out.toRealPath();
        String manifest = Files.readString(real.resolve("run.json"));
        Files.writeString(real.resolve("run.json"), manifest.replace("\"retailseg-run\"", "\"other\""));
        assertThatThrownBy(() -> RunFolderReader.open(out)).isInstanceOf(InputException.class)
                .hasMessage(out + "/run.json: field 'format': expected \"retailseg-run\", found \"other\"");
    }
}
