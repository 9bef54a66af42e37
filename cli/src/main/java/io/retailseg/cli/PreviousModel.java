package io.retailseg.cli;

import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import java.nio.file.Path;

/** Reads a previous run's model (a run folder or its model.json), checked by the one model codec. */
final class PreviousModel {
    private PreviousModel() {
    }

    static SegmentationModel read(Path runFolderOrModel) {
        return ModelCodec.read(runFolderOrModel);
    }
}
