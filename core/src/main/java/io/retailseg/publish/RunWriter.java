package io.retailseg.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.retailseg.clean.CleaningStep;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.explore.DataProfile;
import io.retailseg.ml.KCandidate;
import io.retailseg.model.ModelFile;
import io.retailseg.pipeline.RetailSeg;
import io.retailseg.pipeline.RunResult;
import io.retailseg.pipeline.SegmentProfile;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run's files (SPEC section 8) into an output folder, atomically. */
public final class RunWriter {
    public static final String SUMMARY = "summary.json";
    public static final String CUSTOMERS = "customers.csv";
    public static final String TOP_PRODUCTS = "top_products.csv";
    public static final String RECOMMENDATIONS = "recommendations.csv";
    public static final String MODEL = "model.json";
    public static final String DATA_PROFILE = "data_profile.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunWriter() {
    }

    /** Writes every file of the run into {@code folder}; extra files (e.g. a report) may be added. */
    public static OutputFolder files(RunResult result, Path folder) {
        return new OutputFolder(folder)
                .add(CUSTOMERS, file -> writeCustomers(result, file))
                .add(TOP_PRODUCTS, file -> writeTopProducts(result.topProducts(), file))
                .add(RECOMMENDATIONS, file -> writeRecommendations(result.recommendations(), file))
                .add(MODEL, ModelFile.toJson(result.model()))
                .add(DATA_PROFILE, json(dataProfile(result.dataProfile())))
                .add(SUMMARY, json(summary(result)));
    }

    /** Writes every file of the run into {@code folder}. */
    public static void write(RunResult result, Path folder) {
        files(result, folder).commit();
    }

    private static CsvWriter csv(Path file) throws IOException {
        return CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8);
    }

    private static void writeCustomers(RunResult r, Path file) throws IOException {
        CustomerTable t = r.customers();
        int components = r.pca().components().length;
        List<String> header = new ArrayList<>();
        header.add("CustomerID");
        for (Feature f : Feature.values()) {
            header.add(f.columnName());
        }
        header.add("Is_Outlier");
        header.add("Segment");
        for (int c = 1; c <= components; c++) {
            header.add("PC" + c);
        }
        try (CsvWriter w = csv(file)) {
            w.writeRecord(header);
            String[] fields = new String[header.size()];
            for (int i = 0; i < t.size(); i++) {
                int j = 0;
                fields[j++] = Long.toString(t.customerId(i));
                for (Feature f : Feature.values()) {
                    fields[j++] = Numbers.format(t.value(i, f));
                }
                fields[j++] = r.outlier()[i] ? "1" : "0";
                fields[j++] = r.segment()[i] < 0 ? "" : Integer.toString(r.segment()[i]);
                for (int c = 0; c < components; c++) {
                    fields[j++] = r.pcaScores()[i] == null ? "" : Numbers.format(r.pcaScores()[i][c]);
                }
                w.writeRecord(fields);
            }
        }
    }

    private static void writeTopProducts(List<TopProduct> products, Path file) throws IOException {
        try (CsvWriter w = csv(file)) {
            w.writeRecord("Segment", "Rank", "StockCode", "Description", "Quantity");
            for (TopProduct p : products) {
                w.writeRecord(Integer.toString(p.segment()), Integer.toString(p.rank()), p.stockCode(),
                        p.description(), Long.toString(p.quantity()));
            }
        }
    }

    private static void writeRecommendations(List<Recommendation> recommendations, Path file) throws IOException {
        try (CsvWriter w = csv(file)) {
            w.writeRecord("CustomerID", "Segment", "Rank", "StockCode", "Description");
            for (Recommendation rec : recommendations) {
                w.writeRecord(Long.toString(rec.customerId()), Integer.toString(rec.segment()),
                        Integer.toString(rec.rank()), rec.stockCode(), rec.description());
            }
        }
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of {@code summary.json}, as ordered maps and lists. */
    public static Map<String, Object> summary(RunResult r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", ordered("path", r.source(), "rows_read", r.rowsRead()));
        s.put("config", RetailSeg.configMap(r.config()));
        List<Object> steps = new ArrayList<>();
        for (CleaningStep step : r.cleaning().steps()) {
            steps.add(ordered("step", step.step(), "removed", step.removed(), "description", step.description()));
        }
        s.put("cleaning", ordered("rows_in", r.cleaning().rowsIn(), "steps", steps,
                "rows_out", r.cleaning().rowsOut(), "cancelled_lines", r.cleaning().cancelledLines(),
                "anomalous_stock_codes", r.cleaning().anomalousStockCodes(),
                "bad_lines", BadLinesJson.map(r.cleaning().badLines())));
        int outliers = r.outlierCount();
        s.put("customers", ordered("total", r.customers().size(), "outliers", outliers,
                "segmented", r.customers().size() - outliers, "outlier_threshold", r.outlierThreshold()));
        double[] ratio = r.pca().explainedVarianceRatio();
        double cumulative = 0;
        for (double v : ratio) {
            cumulative += v;
        }
        s.put("pca", ordered("components", ratio.length, "explained_variance_ratio", ratio,
                "cumulative_explained_variance", cumulative,
                "all_explained_variance_ratio", r.pca().allExplainedVarianceRatio()));
        List<Object> candidates = new ArrayList<>();
        for (KCandidate c : r.kSelection().candidates()) {
            candidates.add(ordered("k", c.k(), "inertia", c.inertia(), "silhouette", c.silhouette(),
                    "silhouette_std_error", c.silhouetteStandardError()));
        }
        KCandidate chosen = r.kSelection().candidates().stream().filter(c -> c.k() == r.kSelection().chosenK())
                .findFirst().orElseThrow();
        Map<String, Object> k = ordered("candidates", candidates, "chosen_k", r.kSelection().chosenK(),
                "rule", r.kSelection().rule(), "reason", r.kSelection().reason());
        r.kSelection().elbowK().ifPresent(e -> k.put("elbow_k", e));
        s.put("k_selection", k);
        s.put("metrics", ordered("silhouette", r.metrics().silhouette(),
                "calinski_harabasz", r.metrics().calinskiHarabasz(), "davies_bouldin", r.metrics().daviesBouldin(),
                "silhouette_std_error", chosen.silhouetteStandardError(),
                "silhouette_sample_size", chosen.silhouetteSampleSize() == 0 ? "all" : chosen.silhouetteSampleSize()));
        List<Object> segments = new ArrayList<>();
        for (SegmentProfile p : r.profiles()) {
            segments.add(ordered("id", p.id(), "name", p.name(), "size", p.size(),
                    "revenue_share", p.revenueShare(), "distinguishing", p.distinguishing(),
                    "feature_means", byFeature(p.featureMeans()),
                    "standardized_means", byFeature(p.standardizedMeans())));
        }
        s.put("segments", segments);
        s.put("recommendations", ordered("customers_with_fewer_than_requested",
                fewerThanRequested(r), "total", r.recommendations().size()));
        Object matching = r.model().provenance().get("segment_matching");
        if (matching != null) {
            s.put("segment_matching", matching);
        }
        s.put("timings_ms", r.timingsMillis());
        return s;
    }

    private static long fewerThanRequested(RunResult r) {
        Map<Long, Integer> perCustomer = new LinkedHashMap<>();
        for (Recommendation rec : r.recommendations()) {
            perCustomer.merge(rec.customerId(), 1, Integer::sum);
        }
        long segmented = r.customers().size() - r.outlierCount();
        long full = perCustomer.values().stream().filter(c -> c >= r.config().recommendationsPerCustomer()).count();
        return segmented - full;
    }

    private static Map<String, Object> byFeature(double[] values) {
        return Feature.byColumnName(values);
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The content of {@code data_profile.json}, as ordered maps and lists (amounts in GBP). */
    public static Map<String, Object> dataProfile(DataProfile p) {
        Map<String, Object> missing = new LinkedHashMap<>();
        p.missing().forEach(m -> missing.put(m.column(), m.missing()));
        DataProfile.Cancellations c = p.cancellations();
        List<Object> countries = new ArrayList<>();
        p.countries().forEach(x -> countries.add(ordered("country", x.country(), "lines", x.lines(),
                "customers", x.customers())));
        List<Object> stockCodes = new ArrayList<>();
        p.stockCodes().forEach(x -> stockCodes.add(ordered("stock_code", x.stockCode(),
                "description", x.description(), "lines", x.lines(), "quantity", x.quantity())));
        List<Object> months = new ArrayList<>();
        p.months().forEach(x -> months.add(ordered("month", x.month(), "revenue", x.revenue(), "lines", x.lines(),
                "invoices", x.invoices(), "customers", x.customers())));
        return ordered("rows_read", p.rowsRead(), "missing_values", missing, "cleaned_lines", p.cleanedLines(),
                "first_day", p.firstDay(), "last_day", p.lastDay(),
                "cancellations", ordered("lines", c.lines(), "cancelled_lines", c.cancelledLines(),
                        "invoices", c.invoices(), "cancelled_invoices", c.cancelledInvoices(),
                        "sales_value", c.salesValue(), "cancelled_value", c.cancelledValue()),
                "countries", countries, "top_stock_codes", stockCodes, "monthly_revenue", months);
    }
}
