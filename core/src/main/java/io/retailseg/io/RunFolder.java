package io.retailseg.io;

import io.retailseg.domain.Segmentation;
import io.retailseg.InputException;
import io.retailseg.runfolder.RunCsv;
import io.retailseg.runfolder.RunFolderReader;
import io.retailseg.runfolder.RunFolderLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what a previous {@code retailseg run} wrote: the model file and each customer's segment. */
public final class RunFolder {
    private RunFolder() {
    }

    /** {@code path} itself when it is a file, else its {@code model.json}. */
    public static Path modelFile(Path path) {
        return Files.isDirectory(path) ? RunFolderReader.open(path).file(RunFolderLayout.MODEL) : path;
    }

    /**
     * Every customer's segment in a run's {@code customers.csv} (a file of a folder opened with
     * {@code runfolder.RunFolderReader}, so it is the same run as its model), read through {@link RunCsv}.
     *
     * @param k the run's number of segments
     * @throws InputException when the file is missing or a line is not a customer row of that run
     */
    public static Segmentation segmentation(Path customersCsv, int k) {
        return RunCsv.readSegmentation(customersCsv, customersCsv.toString(), k);
    }
}
