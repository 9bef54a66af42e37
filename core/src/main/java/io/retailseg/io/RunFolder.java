package io.retailseg.io;

import io.retailseg.InputException;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.runfolder.RunFolderLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads what a previous {@code retailseg run} wrote: the model file and each customer's segment. */
public final class RunFolder {
    private RunFolder() {
    }

    /** {@code path} itself when it is a file, else its {@code model.json}. */
    public static Path modelFile(Path path) {
        return Files.isDirectory(path) ? RunFolderReader.open(path).file(RunFolderLayout.MODEL) : path;
    }

    /**
     * The segment of every customer of a run folder's {@code customers.csv} (-1 for outliers, whose
     * Segment is empty), read through {@link RunCsv}.
     *
     * @throws InputException when the file is missing or a line is not a customer row
     */
    public static Map<Long, Integer> segments(Path runFolder) {
        Path file = Files.isDirectory(runFolder) ? RunFolderReader.open(runFolder).file(RunFolderLayout.CUSTOMERS) : runFolder;
        return RunCsv.readSegments(file, file.toString());
    }
}
