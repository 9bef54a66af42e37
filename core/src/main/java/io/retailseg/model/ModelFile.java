package io.retailseg.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.retailseg.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code model.json}. */
public final class ModelFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /** The model as JSON bytes. */
    public static byte[] toJson(SegmentationModel model) {
        try {
            return JSON.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the model", e);
        }
    }

    /** The name of the model file inside a run folder. */
    public static final String FILE_NAME = "model.json";

    /**
     * The model file named by {@code path}: the path itself when it is a file, {@code path/model.json}
     * when it is a folder (a run's output folder).
     *
     * @throws InputException when neither exists
     */
    public static Path locate(Path path) {
        if (Files.isDirectory(path)) {
            Path inside = io.retailseg.runfolder.RunFolderReader.open(path).file(FILE_NAME);
            if (!Files.isRegularFile(inside)) {
                throw new InputException(path.toString(), "no " + FILE_NAME
                        + " in this folder: expected the output folder of 'retailseg run' or a model.json file");
            }
            return inside;
        }
        if (!Files.exists(path)) {
            throw new InputException(path.toString(), "file not found");
        }
        return path;
    }

    /** Reads a model file, with a one-line error when it is missing or not a model. */
    public static SegmentationModel read(Path file) {
        try {
            SegmentationModel model = JSON.readValue(Files.readAllBytes(file), SegmentationModel.class);
            if (model.formatVersion() != SegmentationModel.FORMAT_VERSION) {
                throw new InputException(file.toString(), "model format version " + model.formatVersion()
                        + " is not supported, expected " + SegmentationModel.FORMAT_VERSION);
            }
            return model;
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file not found");
        } catch (JsonProcessingException e) {
            throw new InputException(file.toString(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not a retailseg model file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }
}
