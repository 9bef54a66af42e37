package io.retailseg.cli;

import io.retailseg.InputException;
import io.retailseg.domain.Feature;
import io.retailseg.io.RunFolder;
import io.retailseg.model.ModelFile;
import io.retailseg.model.SegmentationModel;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a previous run's model (a run folder or its model.json) and checks it can be matched against. */
final class PreviousModel {
    private PreviousModel() {
    }

    static SegmentationModel read(Path runFolderOrModel) {
        Path file = RunFolder.modelFile(runFolderOrModel);
        SegmentationModel m = ModelFile.read(file);
        int d = Feature.COUNT;
        String problem = null;
        if (m.features() == null || !m.features().equals(Arrays.stream(Feature.values()).map(Feature::columnName)
                .toList())) {
            problem = "its features are " + m.features() + ", expected the " + d + " features of this version";
        } else if (m.scaler() == null || m.scaler().means() == null || m.scaler().means().length != d
                || m.scaler().scales() == null || m.scaler().scales().length != d) {
            problem = "its scaler does not have " + d + " means and scales";
        } else if (m.pca() == null || m.pca().mean() == null || m.pca().mean().length != d
                || m.pca().components() == null || m.pca().components().length == 0
                || Arrays.stream(m.pca().components()).anyMatch(c -> c == null || c.length != d)) {
            problem = "its PCA does not have " + d + "-feature components";
        } else if (m.centroids() == null || m.centroids().length == 0 || Arrays.stream(m.centroids())
                .anyMatch(c -> c == null || c.length != m.pca().components().length)) {
            problem = "its centroids do not have one value per PCA component";
        }
        if (problem != null) {
            throw new InputException(file.toString(), "cannot match segments against this model: " + problem);
        }
        return m;
    }
}
