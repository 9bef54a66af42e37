package io.retailseg.score;

import io.retailseg.InputException;
import io.retailseg.clean.Cleaner;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Feature;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.ml.IsolationForest;
import io.retailseg.ml.KMeans;
import io.retailseg.ml.Pca;
import io.retailseg.ml.StandardScaler;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.SegmentBestSellers;
import io.retailseg.recommend.TopProduct;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores customers' transaction lines with a saved model, by the same code as a run: {@link Cleaner},
 * {@link FeatureExtractor} (the model's compat mode, recency from the model's reference day), the
 * saved Isolation Forest and threshold, scaler, PCA and nearest centroid, then
 * {@link SegmentBestSellers#firstNotBought} over the saved best sellers. Nothing in cleaning or the
 * features depends on another customer's lines in {@code SPEC} mode (duplicates compare all 8 columns,
 * CustomerID included; stock codes and service lines are judged one code or line at a time), so a
 * training customer scored with their own lines gets exactly their run's features, flag, segment and
 * recommendations, whichever other customers are scored with them. In {@code NOTEBOOK} mode every
 * customer is extracted on their own so the result does not depend on the batch either (the
 * notebook's position-aligned cancellation rate, SPEC note B, depends on the other customers of the
 * training data and cannot be reproduced for a new customer; scoring uses the customer's own rate).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Scorer {
    /** Key of the per-customer recommendation count in the model's provenance configuration. */
    static final String PER_CUSTOMER_KEY = "recommendations_per_customer";

    private final SegmentationModel model;
    private final Compat compat;
    private final long referenceDay;
    private final IsolationForest forest;
    private final double threshold;
    private final StandardScaler scaler;
    private final Pca pca;
    private final double[][] centroids;
    private final List<String> names;
    private final List<List<TopProduct>> topProducts;
    private final int perCustomer;

    private Scorer(SegmentationModel model, String source) {
        this.model = model;
        this.compat = parseCompat(model.compat(), source);
        try {
            this.referenceDay = LocalDate.parse(model.referenceDay()).toEpochDay();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InputException(source, "field 'referenceDay': expected an ISO date, found " + model.referenceDay());
        }
        List<String> expected = Arrays.stream(Feature.values()).map(Feature::columnName).toList();
        if (!expected.equals(model.features())) {
            throw new InputException(source, "field 'features': expected " + expected + ", found " + model.features());
        }
        try {
            this.forest = IsolationForest.of(model.outliers().sampleSize(), model.outliers().trees());
            this.threshold = model.outliers().threshold();
            this.scaler = StandardScaler.of(model.scaler().means(), model.scaler().scales());
            this.pca = Pca.of(model.pca().mean(), model.pca().components(), model.pca().explainedVarianceRatio(),
                    model.pca().allExplainedVarianceRatio());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InputException(source, "not a complete model: " + e.getMessage());
        }
        this.centroids = model.centroids();
        int k = centroids == null ? 0 : centroids.length;
        if (k == 0 || model.segments() == null || model.segments().size() != k) {
            throw new InputException(source, "not a complete model: expected one segment per centroid");
        }
        List<String> segmentNames = new ArrayList<>();
        List<List<TopProduct>> top = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            if (centroids[s].length != pca.size() || model.segments().get(s).id() != s) {
                throw new InputException(source, "not a complete model: segment " + s
                        + " has no centroid of " + pca.size() + " PCA scores");
            }
            segmentNames.add(model.segments().get(s).name());
            int segment = s;
            top.add(model.topProducts().stream().filter(p -> p.segment() == segment)
                    .sorted((a, b) -> Integer.compare(a.rank(), b.rank())).toList());
        }
        this.names = List.copyOf(segmentNames);
        this.topProducts = List.copyOf(top);
        this.perCustomer = perCustomer(model, source);
    }

    /**
     * A scorer for {@code model}.
     *
     * @param source names the model in error messages (its file)
     * @throws InputException when the model lacks a part scoring needs
     */
    public static Scorer of(SegmentationModel model, String source) {
        return new Scorer(model, source);
    }

    /** The model this scorer applies. */
    public SegmentationModel model() {
        return model;
    }

    /** Number of segments. */
    public int segments() {
        return centroids.length;
    }

    /** The name of segment {@code id}. */
    public String segmentName(int id) {
        return names.get(id);
    }

    /** Recommendations given per customer. */
    public int recommendationsPerCustomer() {
        return perCustomer;
    }

    /**
     * Scores raw (uncleaned) transaction lines of one or many customers.
     */
    public ScoreResult score(Transactions raw) {
        Cleaner.Result cleaned = Cleaner.clean(raw);
        Transactions lines = cleaned.lines();
        CustomerTable table = features(lines);
        CustomerGroups groups = CustomerGroups.of(lines);
        List<ScoredCustomer> scored = new ArrayList<>(table.size());
        Set<Long> scoredIds = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            long id = table.customerId(i);
            scoredIds.add(id);
            int g = groups.indexOf(id);
            Set<String> bought = new TreeSet<>();
            for (int p = groups.from(g); p < groups.to(g); p++) {
                bought.add(lines.stockCodeText(groups.line(p)));
            }
            scored.add(score(id, table.row(i), bought));
        }
        Map<Long, String> notScored = new TreeMap<>();
        for (int r = 0; r < raw.size(); r++) {
            long id = raw.customerId(r);
            if (id != Transactions.MISSING_CUSTOMER && !scoredIds.contains(id)) {
                notScored.put(id, groups.indexOf(id) >= 0
                        ? "a single line: the notebook compat mode of this model drops such customers"
                        : "no line left after cleaning (lines need a Description, an ordinary StockCode"
                                + " and a positive UnitPrice)");
            }
        }
        return new ScoreResult(cleaned.report(), scored, notScored);
    }

    /** Scores one customer's feature vector; {@code bought} holds the stock codes of their cleaned lines. */
    public ScoredCustomer score(long customerId, double[] features, Set<String> bought) {
        double outlierScore = forest.score(features);
        if (outlierScore > threshold) {
            return new ScoredCustomer(customerId, features.clone(), outlierScore, true, -1, null, null, List.of());
        }
        double[] pcaScores = pca.transform(scaler.transform(features));
        int segment = KMeans.nearest(centroids, pcaScores);
        List<TopProduct> chosen = SegmentBestSellers.firstNotBought(topProducts.get(segment),
                p -> bought.contains(p.stockCode()), perCustomer);
        List<Recommendation> recommendations = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            TopProduct p = chosen.get(i);
            recommendations.add(new Recommendation(customerId, segment, i + 1, p.stockCode(), p.description()));
        }
        return new ScoredCustomer(customerId, features.clone(), outlierScore, false, segment, names.get(segment),
                pcaScores, recommendations);
    }

    private CustomerTable features(Transactions lines) {
        if (compat == Compat.SPEC) {
            return FeatureExtractor.extract(lines, compat, referenceDay);
        }
        // One customer at a time: the notebook's quirks mix customers (SPEC note B).
        CustomerGroups groups = CustomerGroups.of(lines);
        List<Long> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] rowsOfCustomer = new int[groups.to(g) - groups.from(g)];
            for (int p = groups.from(g); p < groups.to(g); p++) {
                rowsOfCustomer[p - groups.from(g)] = groups.line(p);
            }
            CustomerTable one = FeatureExtractor.extract(lines.select(rowsOfCustomer), compat, referenceDay);
            if (one.size() == 1) {
                ids.add(one.customerId(0));
                rows.add(one.row(0));
            }
        }
        return new CustomerTable(ids.stream().mapToLong(Long::longValue).toArray(), rows.toArray(new double[0][]));
    }

    private static Compat parseCompat(String name, String source) {
        for (Compat c : Compat.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new InputException(source, "field 'compat': expected one of " + Arrays.toString(Compat.values())
                + ", found " + name);
    }

    private static int perCustomer(SegmentationModel model, String source) {
        Object config = model.provenance() == null ? null : model.provenance().get("config");
        Object value = config instanceof Map<?, ?> m ? m.get(PER_CUSTOMER_KEY) : null;
        if (value instanceof Number n && n.intValue() >= 0) {
            return n.intValue();
        }
        throw new InputException(source, "field 'provenance.config." + PER_CUSTOMER_KEY
                + "': expected a whole number >= 0, found " + value);
    }
}
