package io.retailseg.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recommendations of {@code recommendations.csv} and of {@code score}'s CSV, per CustomerID, as the
 * text of their fields ("StockCode|Description|Score|Reason" by rank), so the two files compare byte for byte.
 */
final class RecColumns {
    private RecColumns() {
    }

    static List<NamedCsvRecord> read(Path file) {
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            return r.stream().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code recommendations.csv}: the customers with recommendations, in file order. */
    static Map<String, List<String>> ofRun(Path recommendationsCsv) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (NamedCsvRecord r : read(recommendationsCsv)) {
            out.computeIfAbsent(r.getField("CustomerID"), x -> new ArrayList<>()).add(String.join("|",
                    r.getField("StockCode"), r.getField("Description"), r.getField("Score"), r.getField("Reason")));
        }
        return out;
    }

    /** The Rec columns of one row of {@code score}'s CSV, up to the first empty one. */
    static List<String> ofScored(NamedCsvRecord row) {
        List<String> recs = new ArrayList<>();
        for (int r = 1; row.findField("Rec" + r + "_StockCode").isPresent(); r++) {
            String p = "Rec" + r + "_";
            if (!row.getField(p + "StockCode").isEmpty()) {
                recs.add(String.join("|", row.getField(p + "StockCode"), row.getField(p + "Description"),
                        row.getField(p + "Score"), row.getField(p + "Reason")));
            }
        }
        return recs;
    }

    /** {@code score}'s CSV: every scored customer (an empty list for one without recommendations). */
    static Map<String, List<String>> ofScored(Path scoredCsv) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (NamedCsvRecord row : read(scoredCsv)) {
            out.put(row.getField("CustomerID"), ofScored(row));
        }
        return out;
    }
}
