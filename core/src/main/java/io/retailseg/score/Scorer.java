package io.retailseg.score;

import io.retailseg.clean.Cleaner;
import io.retailseg.clv.CustomerValueModel;
import io.retailseg.clv.CustomerValues;
import io.retailseg.clv.RepeatHistories;
import io.retailseg.config.Compat;
import io.retailseg.domain.CustomerTable;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.features.FeatureExtractor;
import io.retailseg.model.SegmentationModel;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.Pick;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores customers' transaction lines with a saved model, by the same code as a run: {@link Cleaner},
 * {@link FeatureExtractor} (the model's compat mode, recency from the model's reference day), the
 * model's {@link SegmentationModel#assign} (Isolation Forest and threshold, scaler, PCA, nearest centroid), then
 * the model's recommender on the customer's own basket (a customer never seen in training gets a list
 * from their own lines alone). Nothing in cleaning or the
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
    private final SegmentationModel model;
    private final long referenceDay;

    private Scorer(SegmentationModel model) {
        this.model = model;
        this.referenceDay = model.referenceDay().toEpochDay();
    }

    /** A scorer for {@code model} (already checked when it was built or read). */
    public static Scorer of(SegmentationModel model) {
        return new Scorer(model);
    }

    /** The model this scorer applies. */
    public SegmentationModel model() {
        return model;
    }

    /**
     * Scores raw (uncleaned) transaction lines of one or many customers.
     */
    public ScoreResult score(Transactions raw) {
        Cleaner.Result cleaned = Cleaner.clean(raw);
        Transactions lines = cleaned.lines();
        CustomerTable table = features(lines);
        CustomerGroups groups = CustomerGroups.of(lines);
        Basket[] baskets = Basket.of(lines, groups, model.recommender().catalogue());
        CustomerValues values = model.customerValue()
                .map(v -> CustomerValues.predict(v, RepeatHistories.observedTo(lines, referenceDay),
                        table.customerIds()))
                .orElse(CustomerValues.none(table.size()));
        List<ScoredCustomer> scored = new ArrayList<>(table.size());
        Set<Long> scoredIds = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            long id = table.customerId(i);
            scoredIds.add(id);
            scored.add(score(id, table.row(i), baskets[groups.indexOf(id)], values.at(i)));
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

    /**
     * Scores one customer's feature vector; {@code basket} is what their cleaned lines bought, over the
     * model's recommender's catalogue ({@link Basket#of}), and {@code value} their customer-value predictions.
     */
    public ScoredCustomer score(long customerId, double[] features, Basket basket, CustomerValueModel.Prediction value) {
        SegmentationModel.Assignment a = model.assign(features);
        if (a.segment().isEmpty()) {
            return new ScoredCustomer(customerId, features.clone(), a.outlierScore(), true, -1, null, null, List.of(),
                    value);
        }
        int segment = a.segment().getAsInt();
        List<Pick> chosen = model.recommend(basket, a.segment());
        Catalogue catalogue = model.recommender().catalogue();
        List<Recommendation> recommendations = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            Pick p = chosen.get(i);
            recommendations.add(new Recommendation(customerId, segment, i + 1, catalogue.code(p.product()),
                    catalogue.description(p.product()), p.score(), p.reason()));
        }
        return new ScoredCustomer(customerId, features.clone(), a.outlierScore(), false, segment,
                model.segmentName(segment), a.principalComponents(), recommendations, value);
    }

    private CustomerTable features(Transactions lines) {
        if (model.compat() == Compat.SPEC) {
            return FeatureExtractor.extract(lines, model.compat(), referenceDay);
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
            CustomerTable one = FeatureExtractor.extract(lines.select(rowsOfCustomer), model.compat(), referenceDay);
            if (one.size() == 1) {
                ids.add(one.customerId(0));
                rows.add(one.row(0));
            }
        }
        return new CustomerTable(ids.stream().mapToLong(Long::longValue).toArray(), rows.toArray(new double[0][]));
    }
}
