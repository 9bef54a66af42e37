package io.retailseg.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.retailseg.InputException;
import io.retailseg.runfolder.RunFolderReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what a previous {@code retailseg run} wrote: the model file and each customer's segment. */
public final class RunFolder {
    /** File names of a run folder (as {@code publish.RunWriter} writes them). */
    public static final String MODEL = "model.json";
    public static final String CUSTOMERS = "customers.csv";

    private RunFolder() {
    }

    /** {@code path} itself when it is a file, else its {@code model.json}. */
    public static Path modelFile(Path path) {
        return Files.isDirectory(path) ? RunFolderReader.open(path).file(MODEL) : path;
    }

    /**
     * The segment of every customer of a run folder's {@code customers.csv} (-1 for outliers, whose
     * Segment is empty).
     *
     * @throws InputException when the file is missing or a line is not a customer row
     */
    public static Map<Long, Integer> segments(Path runFolder) {
        Path file = Files.isDirectory(runFolder) ? RunFolderReader.open(runFolder).file(CUSTOMERS) : runFolder;
        String name = file.toString();
        Map<Long, Integer> out = new HashMap<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            int idColumn = -1;
            int segmentColumn = -1;
            for (CsvRecord record : reader) {
                long line = record.getStartingLineNumber();
                if (idColumn < 0) {
                    List<String> header = record.getFields();
                    idColumn = header.indexOf("CustomerID");
                    segmentColumn = header.indexOf("Segment");
                    if (idColumn < 0 || segmentColumn < 0) {
                        throw new InputException(name, line, null,
                                "expected a customers.csv header with CustomerID and Segment, found " + header);
                    }
                    continue;
                }
                if (record.getFieldCount() <= Math.max(idColumn, segmentColumn)) {
                    throw new InputException(name, line, null, "expected " + (Math.max(idColumn, segmentColumn) + 1)
                            + " or more fields, found " + record.getFieldCount());
                }
                long id = parseLong(record.getField(idColumn), name, line, "CustomerID");
                String segment = record.getField(segmentColumn).trim();
                out.put(id, segment.isEmpty() ? -1 : (int) parseLong(segment, name, line, "Segment"));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, "file not found (expected a run folder or its customers.csv)");
        } catch (CsvParseException e) {
            throw new InputException(name, "not a CSV file: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static long parseLong(String text, String file, long line, String field) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new InputException(file, line, field, "expected a whole number >= 0, found \"" + text + "\"");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputException(file, line, field, "expected a whole number, found \"" + text + "\"");
        }
    }
}
