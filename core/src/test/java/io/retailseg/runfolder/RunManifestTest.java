package io.retailseg.runfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The manifest's file names: a file of the run folder or of a table folder in it, never outside it. */
class RunManifestTest {
    @Test
    void aNameInsideATableFolderIsAccepted() {
        assertThat(new RunManifest.FileEntry("customers.parquet/part-00000-x.snappy.parquet", 10, "0a0b0c0d").name())
                .isEqualTo("customers.parquet/part-00000-x.snappy.parquet");
        assertThat(new RunManifest.FileEntry("summary.json", 1, "00000000").name()).isEqualTo("summary.json");
    }

    @Test
    void aNameThatCouldLeaveTheFolderIsRefused() {
        for (String name : new String[] {"", ".", "..", "../summary.json", "a/../../b", "/etc/passwd", "a//b", "a/",
                "a\\b", "t.parquet/./x"}) {
            assertThatThrownBy(() -> new RunManifest.FileEntry(name, 1, "00000000"))
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a file name of the run folder");
        }
    }
}
