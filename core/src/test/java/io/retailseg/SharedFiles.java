package io.retailseg;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the read-only shared folder with the real data and the reference results: the
 * {@code retailseg.shared} system property (the parent POM sets it to {@code ../shared} of the
 * repository root), else {@code ../shared}, else a {@code shared} folder of an ancestor of the
 * working directory. Tests that need it skip themselves when it is absent.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** The path of {@code relative} under the shared folder (it may not exist). */
    public static Path resolve(String relative) {
        String shared = System.getProperty("retailseg.shared");
        Path first = (shared != null ? Path.of(shared) : Path.of("..", "shared")).resolve(relative);
        if (Files.exists(first)) {
            return first;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return first;
    }

    public static Path realData() {
        return resolve("data/online_retail.csv.gz");
    }
}
