package io.retailseg.model;

import io.retailseg.InputException;
import io.retailseg.config.Compat;
import io.retailseg.domain.Feature;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.recommend.AlsRecommender;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.ImplicitAls;
import io.retailseg.recommend.ItemItemRecommender;
import io.retailseg.recommend.ItemWeights;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.TopProduct;
import io.retailseg.runfolder.CustomerValueBlock;
import io.retailseg.runfolder.RunFolderLayout;
import io.retailseg.runfolder.RunJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Writes and reads {@code model.json}: the one codec of the model file. Reading checks every part (the
 * format and its version, the feature names and order, every dimension, that every number is finite,
 * segment ids, ranks, tree links) and names the field in a one-line {@link InputException}:
 * {@code model.json: field 'centroids[1][2]': expected a finite number, found NaN}.
 */
public final class ModelCodec {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "retailseg-model";

    private ModelCodec() {
    }

    /** The JSON layout of {@code model.json} (snake_case on disk). */
    record Document(String format, int formatVersion, ModelProvenance provenance, Compat compat,
                    String referenceDay, List<String> features, int recommendationsPerCustomer, Outliers outliers,
                    Scaler scaler, Projection pca, double[][] centroids, List<Segment> segments,
                    List<TopProduct> topProducts, OfferMode offer, RecommenderBlock recommender,
                    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<CustomerValueBlock> customerValue) {
    }

    /**
     * The fitted recommender. {@code parameters} is written for people and not read back; the state is
     * the catalogue and, by kind: the sparse weights (offsets, targets, weights, together), the item-item
     * settings, re-buy shares and per-segment fill of {@code co-purchase}, {@code ease} and {@code hybrid};
     * the product factors and ALS settings of {@code als}; nothing more for {@code segment-best-sellers}
     * (its lists are {@code top_products}). Fields a kind does not use are empty.
     */
    record RecommenderBlock(RecommenderKind kind, Map<String, Object> parameters, List<String> stockCodes,
                            List<String> descriptions, int[] offsets, int[] targets, double[] weights,
                            int[] together,
                            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ItemItemRecommender.Settings> itemSettings,
                            double[] rebuy, int[][] fallback, String weightsMethod, double[][] itemFactors,
                            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<ImplicitAls.Settings> alsSettings) {
    }

    record Outliers(double contamination, double threshold, int sampleSize, List<IsolationForest.Tree> trees) {
    }

    record Scaler(double[] means, double[] scales) {
    }

    record Projection(double[] mean, double[][] components, double[] explainedVarianceRatio,
                      double[] allExplainedVarianceRatio) {
    }

    record Segment(int id, String name) {
    }

    /** Just the fields that say which layout a file has, read before the rest. */
    record Header(String format, int formatVersion) {
    }

    /** The record {@code model.json} is written from (e.g. to prepare its JSON mapping ahead). */
    public static Class<?> layout() {
        return Document.class;
    }

    /** The model as the bytes of {@code model.json}. */
    public static byte[] toJson(SegmentationModel m) {
        Pca pca = m.segmenter().projection().pca();
        StandardScaler scaler = m.segmenter().projection().scaler();
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < m.k(); s++) {
            segments.add(new Segment(s, m.segmentName(s)));
        }
        OutlierDetector o = m.outliers();
        return RunJson.bytes(new Document(FORMAT, SegmentationModel.FORMAT_VERSION, m.provenance(), m.compat(),
                m.referenceDay().toString(), Feature.columnNames(), m.recommendationsPerCustomer(),
                new Outliers(o.contamination(), o.threshold(), o.forest().sampleSize(), o.forest().trees()),
                new Scaler(scaler.means(), scaler.scales()),
                new Projection(pca.mean(), pca.components(), pca.explainedVarianceRatio(),
                        pca.allExplainedVarianceRatio()),
                m.segmenter().centroids(), segments, m.topProducts(), m.offer(), recommender(m.recommender()),
                m.customerValue().map(CustomerValueBlock::of)));
    }

    private static RecommenderBlock recommender(ProductRecommender r) {
        List<String> codes = r.kind() == RecommenderKind.SEGMENT_BEST_SELLERS ? List.of() : r.catalogue().codes();
        List<String> descriptions = r.kind() == RecommenderKind.SEGMENT_BEST_SELLERS ? List.of()
                : r.catalogue().descriptions();
        int[] none = new int[0];
        if (r instanceof ItemItemRecommender items) {
            ItemWeights w = items.weights();
            return new RecommenderBlock(r.kind(), r.parameters(), codes, descriptions, w.offsets(), w.targets(),
                    w.weights(), w.together(), Optional.of(items.settings()), items.rebuy(), items.fallback(),
                    items.weightsMethod(), new double[0][], Optional.empty());
        }
        if (r instanceof AlsRecommender als) {
            return new RecommenderBlock(r.kind(), r.parameters(), codes, descriptions, none, none, new double[0], none,
                    Optional.empty(), new double[0], new int[0][], "", als.items(), Optional.of(als.settings()));
        }
        return new RecommenderBlock(r.kind(), r.parameters(), codes, descriptions, none, none, new double[0], none,
                Optional.empty(), new double[0], new int[0][], "", new double[0][], Optional.empty());
    }

    private static ProductRecommender recommender(RecommenderBlock b, Check check) {
        check.that(b != null && b.kind() != null, "recommender.kind", "expected one of "
                + java.util.Arrays.stream(RecommenderKind.values()).map(RecommenderKind::id).toList() + ", found none");
        if (b.kind() == RecommenderKind.SEGMENT_BEST_SELLERS) {
            return null;
        }
        Catalogue catalogue;
        try {
            catalogue = new Catalogue(b.stockCodes(), b.descriptions());
        } catch (IllegalArgumentException e) {
            throw withPrefix(check, "recommender.", e);
        }
        try {
            return switch (b.kind()) {
                case ALS -> {
                    check.that(b.alsSettings().isPresent(), "recommender.als_settings",
                            "expected the ALS settings, found none");
                    yield new AlsRecommender(catalogue, b.itemFactors(), b.alsSettings().get());
                }
                case CO_PURCHASE, EASE, HYBRID -> {
                    check.that(b.itemSettings().isPresent(), "recommender.item_settings",
                            "expected the item-item settings, found none");
                    yield new ItemItemRecommender(b.kind(), catalogue,
                            new ItemWeights(b.offsets(), b.targets(), b.weights(), b.together()), b.itemSettings().get(),
                            b.rebuy(), b.fallback(), b.weightsMethod());
                }
                case SEGMENT_BEST_SELLERS -> throw new AssertionError("handled above");
            };
        } catch (IllegalArgumentException e) {
            throw withPrefix(check, "recommender.", e);
        }
    }

    /** An {@link IllegalArgumentException} whose message starts with a field name, as a one-line error on that field. */
    private static InputException withPrefix(Check check, String prefix, IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[a-z_\\[\\]0-9.]+")) {
            return check.fail(prefix + message.substring(0, colon), message.substring(colon + 2));
        }
        return prefix.isEmpty() ? new InputException(check.file(), 0, null, "not a valid model: " + message)
                : check.fail(prefix.substring(0, prefix.length() - 1), message);
    }

    /**
     * The model file named by {@code path}: the path itself when it is a file, {@code path/model.json}
     * when it is a folder (a run's output folder).
     *
     * @throws InputException when neither exists
     */
    public static Path locate(Path path) {
        if (Files.isDirectory(path)) {
            Path inside = io.retailseg.runfolder.RunFolderReader.open(path).file(RunFolderLayout.MODEL);
            if (!Files.isRegularFile(inside)) {
                throw new InputException(path.toString(), "no " + RunFolderLayout.MODEL
                        + " in this folder: expected the output folder of 'retailseg run' or a model.json file");
            }
            return inside;
        }
        if (!Files.exists(path)) {
            throw new InputException(path.toString(), "file not found");
        }
        return path;
    }

    /** Reads a model file or a run folder's model, with a one-line error naming the field when it is not valid. */
    public static SegmentationModel read(Path path) {
        Path file = locate(path);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of a model file called {@code name} in errors. */
    public static SegmentationModel parse(byte[] bytes, String name) {
        Header header = RunJson.parse(bytes, name, Header.class, "model file");
        if (!FORMAT.equals(header.format())) {
            throw new InputException(name, 0, "format", "expected \"" + FORMAT + "\", found \"" + header.format() + "\"");
        }
        if (header.formatVersion() != SegmentationModel.FORMAT_VERSION) {
            throw new InputException(name, 0, "format_version", "model format version " + header.formatVersion()
                    + " is not supported, expected " + SegmentationModel.FORMAT_VERSION
                    + " (run 'retailseg run' again to write a model of this version)");
        }
        return toModel(RunJson.parse(bytes, name, Document.class, "model file"), name);
    }

    private static SegmentationModel toModel(Document d, String name) {
        Check check = new Check(name);
        check.that(Feature.columnNames().equals(d.features()), "features",
                "expected " + Feature.columnNames() + ", found " + d.features());
        LocalDate referenceDay;
        try {
            referenceDay = LocalDate.parse(d.referenceDay());
        } catch (java.time.format.DateTimeParseException e) {
            throw check.fail("reference_day", "expected an ISO date (yyyy-mm-dd), found \"" + d.referenceDay() + "\"");
        }
        int n = Feature.COUNT;
        check.vector(d.scaler().means(), n, "scaler.means");
        check.vector(d.scaler().scales(), n, "scaler.scales");
        for (int j = 0; j < n; j++) {
            check.that(d.scaler().scales()[j] > 0, "scaler.scales[" + j + "]",
                    "expected a positive number, found " + d.scaler().scales()[j]);
        }
        check.vector(d.pca().mean(), n, "pca.mean");
        double[][] components = d.pca().components();
        check.that(components.length >= 1 && components.length <= n, "pca.components",
                "expected 1.." + n + " components, found " + components.length);
        for (int c = 0; c < components.length; c++) {
            check.vector(components[c], n, "pca.components[" + c + "]");
        }
        check.vector(d.pca().explainedVarianceRatio(), components.length, "pca.explained_variance_ratio");
        check.vector(d.pca().allExplainedVarianceRatio(), n, "pca.all_explained_variance_ratio");
        for (int s = 0; s < d.centroids().length; s++) {
            check.vector(d.centroids()[s], components.length, "centroids[" + s + "]");
        }
        check.that(d.centroids().length >= 1, "centroids", "expected at least one centroid, found none");
        check.that(d.segments().size() == d.centroids().length, "segments",
                "expected one per centroid (" + d.centroids().length + "), found " + d.segments().size());
        List<String> names = new ArrayList<>();
        for (int s = 0; s < d.segments().size(); s++) {
            check.that(d.segments().get(s).id() == s, "segments[" + s + "].id",
                    "expected " + s + " (ids count up from 0), found " + d.segments().get(s).id());
            names.add(d.segments().get(s).name());
        }
        Outliers o = d.outliers();
        check.that(Double.isFinite(o.threshold()), "outliers.threshold", "expected a finite number, found " + o.threshold());
        check.that(!o.trees().isEmpty(), "outliers.trees", "expected at least one tree, found none");
        for (int t = 0; t < o.trees().size(); t++) {
            IsolationForest.Tree tree = o.trees().get(t);
            for (int node = 0; node < tree.nodes(); node++) {
                String at = "outliers.trees[" + t + "]";
                check.that(tree.feature()[node] >= -1 && tree.feature()[node] < n, at + ".feature[" + node + "]",
                        "expected -1 (a leaf) or a feature index 0.." + (n - 1) + ", found " + tree.feature()[node]);
                check.that(Double.isFinite(tree.split()[node]), at + ".split[" + node + "]",
                        "expected a finite number, found " + tree.split()[node]);
                check.that(tree.size()[node] >= 0, at + ".size[" + node + "]",
                        "expected a count >= 0, found " + tree.size()[node]);
            }
        }
        try {
            Segmenter segmenter = new Segmenter(io.retailseg.model.Projection.of(
                    StandardScaler.of(d.scaler().means(), d.scaler().scales()),
                    Pca.of(d.pca().mean(), components, d.pca().explainedVarianceRatio(),
                            d.pca().allExplainedVarianceRatio())), d.centroids());
            OutlierDetector detector = new OutlierDetector(IsolationForest.of(o.sampleSize(), o.trees()),
                    o.contamination(), o.threshold());
            check.that(d.offer() != null, "offer", "expected \"new_only\" or \"any\", found none");
            return new SegmentationModel(d.provenance(), d.compat(), referenceDay, detector, segmenter, names,
                    d.topProducts(), d.recommendationsPerCustomer(), recommender(d.recommender(), check), d.offer(),
                    d.customerValue().map(CustomerValueBlock::toModel));
        } catch (IllegalArgumentException e) {
            throw withPrefix(check, "", e);
        }
    }

    /** Checks of one file, each failing with the field's name. */
    private record Check(String file) {
        void that(boolean ok, String field, String problem) {
            if (!ok) {
                throw fail(field, problem);
            }
        }

        InputException fail(String field, String problem) {
            return new InputException(file, 0, field, problem);
        }

        void vector(double[] values, int length, String field) {
            that(values.length == length, field, "expected " + length + " values, found " + values.length);
            for (int i = 0; i < values.length; i++) {
                that(Double.isFinite(values[i]), field + "[" + i + "]", "expected a finite number, found " + values[i]);
            }
        }
    }
}
