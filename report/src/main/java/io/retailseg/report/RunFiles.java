package io.retailseg.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.retailseg.InputException;
import io.retailseg.domain.Column;
import io.retailseg.domain.Feature;
import io.retailseg.explore.DataProfile;
import io.retailseg.publish.RunWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a finished run's files ({@link RunWriter}) into {@link ReportData}. A missing or malformed file
 * is an {@link InputException} naming the file, the line or field, and what was expected.
 */
public final class RunFiles {
    /** Optional file of the evaluation command; its section is drawn only when present. */
    public static final String EVALUATION = "evaluation.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private RunFiles() {
    }

    /** Reads the run in {@code folder}. */
    public static ReportData read(Path folder) {
        // the --out link resolved once and run.json checked: every file comes from one run
        return read(io.retailseg.runfolder.RunFolderReader.open(folder)::file);
    }

    /** Reads a run whose files are found by name through {@code file}. */
    public static ReportData read(Function<String, Path> file) {
        ReportData.Summary summary = summary(file.apply(RunWriter.SUMMARY));
        Path evaluation = file.apply(EVALUATION);
        return new ReportData(summary,
                customers(file.apply(RunWriter.CUSTOMERS)),
                topProducts(file.apply(RunWriter.TOP_PRODUCTS)),
                recommendations(file.apply(RunWriter.RECOMMENDATIONS)),
                profile(file.apply(RunWriter.DATA_PROFILE)),
                Files.exists(evaluation) ? Optional.of(evaluation(evaluation)) : Optional.empty());
    }

    /** {@code evaluation.json}, checked to be one (its blocks are read by the evaluation section). */
    static JsonNode evaluation(Path file) {
        JsonNode e = tree(file);
        if (!"retailseg-evaluation".equals(e.path("format").asText())) {
            throw new InputException(name(file), "field 'format': expected \"retailseg-evaluation\", found "
                    + (e.has("format") ? e.get("format").toString() : "none"));
        }
        for (String block : new String[] {"split", "population", "recommenders", "comparisons"}) {
            require(file, e, block);
        }
        if (!e.get("recommenders").isArray() || e.get("recommenders").isEmpty()) {
            throw new InputException(name(file), "field 'recommenders': expected a non-empty list");
        }
        return e;
    }

    static ReportData.Summary summary(Path file) {
        byte[] bytes = bytes(file);
        ReportData.Summary s;
        try {
            s = JSON.readValue(bytes, ReportData.Summary.class);
        } catch (IOException e) {
            throw bad(file, e);
        }
        if (s.cleaning() == null || s.customers() == null || s.pca() == null || s.kSelection() == null
                || s.metrics() == null || s.segments() == null || s.recommendations() == null) {
            throw new InputException(name(file), "expected the sections cleaning, customers, pca, k_selection,"
                    + " metrics, segments and recommendations of a retailseg run summary");
        }
        return s;
    }

    static ReportData.Customers customers(Path file) {
        List<Long> ids = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        List<Boolean> outlier = new ArrayList<>();
        List<Integer> segment = new ArrayList<>();
        List<double[]> pcs = new ArrayList<>();
        forEachRecord(file, (line, r) -> {
            ids.add(whole(file, line, r, "CustomerID"));
            double[] f = new double[Feature.COUNT];
            for (Feature feature : Feature.values()) {
                f[feature.ordinal()] = number(file, line, r, feature.columnName());
            }
            features.add(f);
            outlier.add(whole(file, line, r, "Is_Outlier") == 1);
            String s = field(file, line, r, "Segment");
            segment.add(s.isEmpty() ? -1 : (int) whole(file, line, r, "Segment"));
            List<String> pcNames = r.getHeader().stream().filter(h -> h.matches("PC\\d+")).toList();
            if (s.isEmpty()) {
                pcs.add(null);
            } else {
                double[] p = new double[pcNames.size()];
                for (int c = 0; c < p.length; c++) {
                    p[c] = number(file, line, r, pcNames.get(c));
                }
                pcs.add(p);
            }
        });
        int n = ids.size();
        long[] idArray = new long[n];
        boolean[] outlierArray = new boolean[n];
        int[] segmentArray = new int[n];
        for (int i = 0; i < n; i++) {
            idArray[i] = ids.get(i);
            outlierArray[i] = outlier.get(i);
            segmentArray[i] = segment.get(i);
        }
        return new ReportData.Customers(idArray, features.toArray(new double[0][]), outlierArray, segmentArray,
                pcs.toArray(new double[0][]));
    }

    static List<ReportData.TopProduct> topProducts(Path file) {
        List<ReportData.TopProduct> out = new ArrayList<>();
        forEachRecord(file, (line, r) -> out.add(new ReportData.TopProduct((int) whole(file, line, r, "Segment"),
                (int) whole(file, line, r, "Rank"), field(file, line, r, "StockCode"),
                field(file, line, r, "Description"), whole(file, line, r, "Quantity"))));
        return out;
    }

    static List<ReportData.Recommendation> recommendations(Path file) {
        List<ReportData.Recommendation> out = new ArrayList<>();
        forEachRecord(file, (line, r) -> out.add(new ReportData.Recommendation(whole(file, line, r, "CustomerID"),
                (int) whole(file, line, r, "Segment"), (int) whole(file, line, r, "Rank"),
                field(file, line, r, "StockCode"), field(file, line, r, "Description"))));
        return out;
    }

    static DataProfile profile(Path file) {
        JsonNode p = tree(file);
        List<DataProfile.ColumnMissing> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            missing.add(new DataProfile.ColumnMissing(c.canonicalName(),
                    require(file, p, "missing_values/" + c.canonicalName()).asLong()));
        }
        JsonNode c = require(file, p, "cancellations");
        DataProfile.Cancellations cancellations = new DataProfile.Cancellations(
                require(file, c, "lines").asLong(), require(file, c, "cancelled_lines").asLong(),
                require(file, c, "invoices").asLong(), require(file, c, "cancelled_invoices").asLong(),
                require(file, c, "sales_value").asDouble(), require(file, c, "cancelled_value").asDouble());
        List<DataProfile.CountryCount> countries = new ArrayList<>();
        for (JsonNode x : require(file, p, "countries")) {
            countries.add(new DataProfile.CountryCount(require(file, x, "country").asText(),
                    require(file, x, "lines").asLong(), require(file, x, "customers").asLong()));
        }
        List<DataProfile.StockCodeCount> codes = new ArrayList<>();
        for (JsonNode x : require(file, p, "top_stock_codes")) {
            codes.add(new DataProfile.StockCodeCount(require(file, x, "stock_code").asText(),
                    require(file, x, "description").asText(), require(file, x, "lines").asLong(),
                    require(file, x, "quantity").asLong()));
        }
        List<DataProfile.MonthRevenue> months = new ArrayList<>();
        for (JsonNode x : require(file, p, "monthly_revenue")) {
            months.add(new DataProfile.MonthRevenue(require(file, x, "month").asText(),
                    require(file, x, "revenue").asDouble(), require(file, x, "lines").asLong(),
                    require(file, x, "invoices").asLong(), require(file, x, "customers").asLong()));
        }
        return new DataProfile(require(file, p, "rows_read").asLong(), missing,
                require(file, p, "cleaned_lines").asLong(), require(file, p, "first_day").asText(),
                require(file, p, "last_day").asText(), cancellations, countries, codes, months);
    }

    private static JsonNode require(Path file, JsonNode node, String path) {
        JsonNode n = node.at("/" + path);
        if (n.isMissingNode() || n.isNull()) {
            throw new InputException(name(file), "field '" + path.replace('/', '.') + "': expected a value, found none");
        }
        return n;
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(bytes(file));
        } catch (IOException e) {
            throw bad(file, e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(name(file), "file not found: expected the output of 'retailseg run'");
        } catch (IOException e) {
            throw new InputException(name(file), "cannot read: " + e.getMessage());
        }
    }

    private static InputException bad(Path file, IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new InputException(name(file), "not a retailseg run file: "
                + (message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ')));
    }

    /** The name to show for a file: a temporary of the run being written shows as its final name. */
    private static String name(Path file) {
        String n = file.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) {
            return file.resolveSibling(n.substring(1, n.length() - ".tmp".length())).toString();
        }
        return file.toString();
    }

    @FunctionalInterface
    private interface RecordHandler {
        void accept(long line, NamedCsvRecord record);
    }

    private static void forEachRecord(Path file, RecordHandler handler) {
        if (!Files.exists(file)) {
            throw new InputException(name(file), "file not found: expected the output of 'retailseg run'");
        }
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord r : reader) {
                handler.accept(r.getStartingLineNumber(), r);
            }
        } catch (IOException e) {
            throw new InputException(name(file), "cannot read: " + e.getMessage());
        }
    }

    private static String field(Path file, long line, NamedCsvRecord r, String name) {
        return r.findField(name).orElseThrow(() -> new InputException(name(file), line, name,
                "expected the column " + name + ", found none"));
    }

    private static double number(Path file, long line, NamedCsvRecord r, String name) {
        String text = field(file, line, r, name);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException(name(file), line, name, "expected a number, found \"" + text + "\"");
        }
    }

    private static long whole(Path file, long line, NamedCsvRecord r, String name) {
        String text = field(file, line, r, name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InputException(name(file), line, name, "expected a whole number, found \"" + text + "\"");
        }
    }
}
