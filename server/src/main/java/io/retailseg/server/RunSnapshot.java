package io.retailseg.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.InputException;
import io.retailseg.domain.Feature;
import io.retailseg.model.ModelCodec;
import io.retailseg.model.SegmentationModel;
import io.retailseg.publish.RunWriter;
import io.retailseg.recommend.TopProduct;
import io.retailseg.score.Scorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything the server answers from, read once from a run's output folder ({@code model.json},
 * {@code summary.json}, {@code customers.csv}, {@code recommendations.csv}) and never changed
 * afterwards: a reload builds a new snapshot and swaps it in whole, so a request that took this
 * snapshot sees one run only.
 *
 * @param id the run id from the folder's {@code run.json} ({@code 20261129T093012Z-3fa9c1}): names the run in every
 *     response
 * @param folder the run folder as given (normally the {@code --out} link; a reload resolves it again)
 * @param loadedAt when the snapshot was read
 * @param scorer the model, ready to score lines
 * @param summary {@code summary.json}
 * @param customers every customer of the run, by ascending id
 */
public record RunSnapshot(String id, Path folder, Instant loadedAt, Scorer scorer, JsonNode summary,
                          List<Customer> customers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunSnapshot {
        customers = List.copyOf(customers);
    }

    /** A recommendation as the run wrote it. */
    public record Pick(int rank, String stockCode, String description) {
    }

    /**
     * One customer of the run.
     *
     * @param segment the segment id, -1 for an outlier
     */
    public record Customer(long id, double[] features, boolean outlier, int segment, List<Pick> recommendations) {
    }

    /**
     * Reads the run folder {@code folder}.
     *
     * @throws InputException when a file is missing or malformed
     */
    public static RunSnapshot load(Path given) {
        // resolves the --out link once (again on every reload, so a reload follows the newest run) and checks
        // run.json: everything below reads that one run's real folder
        io.retailseg.runfolder.RunFolderReader.Run run = io.retailseg.runfolder.RunFolderReader.open(given);
        Path folder = run.folder();
        Path modelFile = run.file(io.retailseg.runfolder.RunFolderLayout.MODEL);
        SegmentationModel model = ModelCodec.read(modelFile);
        Scorer scorer = Scorer.of(model);
        JsonNode summary = readJson(folder.resolve(RunWriter.SUMMARY));
        if (!summary.isObject() || !summary.path("segments").isArray()) {
            throw new InputException(folder.resolve(RunWriter.SUMMARY).toString(),
                    "expected a run summary: an object with a 'segments' list");
        }
        List<Customer> customers = readCustomers(folder, scorer.segments());
        return new RunSnapshot(run.runId(), given, Instant.now(), scorer, summary, customers);
    }

    /** The customer with {@code id}, or null. */
    public Customer customer(long id) {
        int lo = 0;
        int hi = customers.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = customers.get(mid).id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return customers.get(mid);
            }
        }
        return null;
    }

    /** Number of segments. */
    public int segments() {
        return scorer.segments();
    }

    /** The segment's entry of {@code summary.json} (name, size, profile). */
    public JsonNode segmentSummary(int id) {
        for (JsonNode s : summary.path("segments")) {
            if (s.path("id").asInt(-1) == id) {
                return s;
            }
        }
        return JSON.createObjectNode();
    }

    /** The segment's best sellers, by rank. */
    public List<TopProduct> topProducts(int segment) {
        return scorer.model().topProducts().stream().filter(p -> p.segment() == segment).toList();
    }


    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<NamedCsvRecord> readCsv(Path file) {
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            return r.stream().toList();
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file not found");
        } catch (IOException | RuntimeException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static List<Customer> readCustomers(Path folder, int segments) {
        Path customersFile = folder.resolve(RunWriter.CUSTOMERS);
        Path recommendationsFile = folder.resolve(RunWriter.RECOMMENDATIONS);
        List<NamedCsvRecord> rows = readCsv(customersFile);
        List<NamedCsvRecord> recs = readCsv(recommendationsFile);
        List<Customer> customers = new ArrayList<>(rows.size());
        int r = 0;
        long previous = Long.MIN_VALUE;
        for (NamedCsvRecord row : rows) {
            long line = row.getStartingLineNumber();
            long id = parseLong(customersFile, line, row, "CustomerID");
            if (id <= previous) {
                throw new InputException(customersFile.toString(), line, "CustomerID",
                        "expected ids in ascending order, found " + id + " after " + previous);
            }
            previous = id;
            double[] features = new double[Feature.COUNT];
            for (Feature f : Feature.values()) {
                features[f.ordinal()] = parseDouble(customersFile, line, row, f.columnName());
            }
            boolean outlier = "1".equals(field(customersFile, line, row, "Is_Outlier"));
            String segmentText = field(customersFile, line, row, "Segment");
            int segment = outlier ? -1 : (int) parseLong(customersFile, line, row, "Segment");
            if (!outlier && (segment < 0 || segment >= segments) || outlier && !segmentText.isEmpty()) {
                throw new InputException(customersFile.toString(), line, "Segment",
                        "expected a segment id 0.." + (segments - 1) + " (empty for outliers), found \"" + segmentText + "\"");
            }
            List<Pick> picks = new ArrayList<>();
            while (r < recs.size() && parseLong(recommendationsFile, recs.get(r).getStartingLineNumber(), recs.get(r),
                    "CustomerID") == id) {
                NamedCsvRecord rec = recs.get(r++);
                picks.add(new Pick((int) parseLong(recommendationsFile, rec.getStartingLineNumber(), rec, "Rank"),
                        rec.getField("StockCode"), rec.getField("Description")));
            }
            customers.add(new Customer(id, features, outlier, segment, List.copyOf(picks)));
        }
        if (r < recs.size()) {
            NamedCsvRecord rec = recs.get(r);
            throw new InputException(recommendationsFile.toString(), rec.getStartingLineNumber(), "CustomerID",
                    "expected a customer of customers.csv in the same order, found " + rec.getField("CustomerID"));
        }
        return customers;
    }

    private static String field(Path file, long line, NamedCsvRecord row, String name) {
        return row.findField(name).orElseThrow(() -> new InputException(file.toString(), line, name,
                "expected a column of this name; found columns " + Arrays.toString(row.getHeader().toArray())));
    }

    private static long parseLong(Path file, long line, NamedCsvRecord row, String name) {
        String text = field(file, line, row, name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InputException(file.toString(), line, name, "expected a whole number, found \"" + text + "\"");
        }
    }

    private static double parseDouble(Path file, long line, NamedCsvRecord row, String name) {
        String text = field(file, line, row, name);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException(file.toString(), line, name, "expected a number, found \"" + text + "\"");
        }
    }
}
