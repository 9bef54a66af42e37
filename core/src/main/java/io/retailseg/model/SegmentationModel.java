package io.retailseg.model;

import io.retailseg.clv.CustomerValueModel;
import io.retailseg.config.Compat;
import io.retailseg.config.OfferMode;
import io.retailseg.config.RecommenderKind;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import io.retailseg.recommend.Basket;
import io.retailseg.recommend.BestSellerRecommender;
import io.retailseg.recommend.Catalogue;
import io.retailseg.recommend.ItemItemRecommender;
import io.retailseg.recommend.Pick;
import io.retailseg.recommend.ProductRecommender;
import io.retailseg.recommend.Recommendation;
import io.retailseg.recommend.TopProduct;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A fitted segmentation: what {@code model.json} holds, immutable and checked when built, so a model
 * that exists can predict. It owns the Isolation Forest and its threshold, the projection (scaler and
 * PCA), the centroids, the segments' ids and names, each segment's ranked best sellers, the fitted
 * recommender ({@link ProductRecommender}: its catalogue and weights or factors) and the settings scoring needs (recommendations per customer, the feature definitions,
 * the reference day recency is counted from), with its provenance.
 *
 * <pre>{@code
 * SegmentationModel model = ModelCodec.read(Path.of("results/model.json"));
 * SegmentationModel.Assignment a = model.assign(features);
 * List<Pick> picks = model.recommend(basket, a.segment());
 * }</pre>
 */
public final class SegmentationModel {
    /** Customers from which {@link #recommendAll} uses a second core. */
    static final int PARALLEL_FROM = 2048;

    /** Version of the {@code model.json} layout this code writes and reads. */
    public static final int FORMAT_VERSION = 4;

    private final ModelProvenance provenance;
    private final Compat compat;
    private final LocalDate referenceDay;
    private final OutlierDetector outliers;
    private final Segmenter segmenter;
    private final List<String> segmentNames;
    private final List<List<TopProduct>> bestSellers;
    private final int recommendationsPerCustomer;
    private final ProductRecommender recommender;
    private final OfferMode offer;
    private final Optional<CustomerValueModel> customerValue;

    /**
     * @param segmentNames one per segment, by id
     * @param topProducts every segment's best sellers (segment 0..k-1, ranks 1.. in order within a segment)
     * @param recommender the fitted recommender; {@code null} for the reference's, built here from
     *     {@code topProducts} (ranked by the provenance's {@code rank_by})
     * @param offer whether recommendations may repeat what a customer bought
     * @param customerValue the customer-value models (BG/NBD, Gamma-Gamma), empty when they could not be fitted
     * @throws IllegalArgumentException naming the part that is wrong (e.g. {@code segments: expected 3 ...})
     */
    public SegmentationModel(ModelProvenance provenance, Compat compat, LocalDate referenceDay,
                             OutlierDetector outliers, Segmenter segmenter, List<String> segmentNames,
                             List<TopProduct> topProducts, int recommendationsPerCustomer,
                             ProductRecommender recommender, OfferMode offer,
                             Optional<CustomerValueModel> customerValue) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.compat = Objects.requireNonNull(compat, "compat");
        this.referenceDay = Objects.requireNonNull(referenceDay, "reference_day");
        this.outliers = Objects.requireNonNull(outliers, "outliers");
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
        int k = segmenter.k();
        if (segmentNames.size() != k) {
            throw new IllegalArgumentException("segments: expected one per centroid (" + k + "), found "
                    + segmentNames.size());
        }
        for (int s = 0; s < k; s++) {
            if (segmentNames.get(s) == null || segmentNames.get(s).isBlank()) {
                throw new IllegalArgumentException("segments[" + s + "].name: expected a name, found none");
            }
        }
        this.segmentNames = List.copyOf(segmentNames);
        List<List<TopProduct>> bySegment = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            bySegment.add(new ArrayList<>());
        }
        for (int i = 0; i < topProducts.size(); i++) {
            TopProduct p = topProducts.get(i);
            if (p.segment() < 0 || p.segment() >= k) {
                throw new IllegalArgumentException("top_products[" + i + "].segment: expected 0.." + (k - 1)
                        + ", found " + p.segment());
            }
            List<TopProduct> list = bySegment.get(p.segment());
            if (p.rank() != list.size() + 1) {
                throw new IllegalArgumentException("top_products[" + i + "].rank: expected " + (list.size() + 1)
                        + " (ranks of a segment count up from 1), found " + p.rank());
            }
            if (p.stockCode() == null || p.stockCode().isEmpty()) {
                throw new IllegalArgumentException("top_products[" + i + "].stock_code: expected a stock code, found none");
            }
            list.add(p);
        }
        this.bestSellers = bySegment.stream().map(List::copyOf).toList();
        if (recommendationsPerCustomer < 1) {
            throw new IllegalArgumentException("recommendations_per_customer: expected at least 1, found "
                    + recommendationsPerCustomer);
        }
        this.recommendationsPerCustomer = recommendationsPerCustomer;
        this.offer = Objects.requireNonNull(offer, "offer");
        this.customerValue = Objects.requireNonNull(customerValue, "customer_value");
        this.recommender = recommender != null ? recommender
                : new BestSellerRecommender(bestSellers, provenance.config().rankBy());
        if (this.recommender instanceof ItemItemRecommender items && items.fallback().length != 0
                && items.fallback().length != k) {
            throw new IllegalArgumentException("recommender.fallback: expected one list per segment (" + k + "), found "
                    + items.fallback().length);
        }
    }

    /**
     * Where a customer lands.
     *
     * @param outlierScore the Isolation Forest's anomaly score
     * @param outlier whether the score is above the threshold
     * @param principalComponents the PCA scores (empty for an outlier: outliers are not projected)
     * @param segment the nearest centroid's segment, empty for an outlier
     */
    public record Assignment(double outlierScore, boolean outlier, double[] principalComponents, OptionalInt segment) {
    }

    /** Scores, flags, projects and segments one customer's 15 unscaled features. */
    public Assignment assign(double[] features) {
        double score = outliers.score(features);
        if (outliers.isOutlier(score)) {
            return new Assignment(score, true, new double[0], OptionalInt.empty());
        }
        double[] pcs = segmenter.projection().project(features);
        return new Assignment(score, false, pcs, OptionalInt.of(segmenter.nearest(pcs)));
    }

    /**
     * The recommendations for one customer: up to {@link #recommendationsPerCustomer()} of the model's
     * recommender, in its {@link #offer()} mode, from the customer's basket over the recommender's
     * catalogue ({@link Basket#of}) and their segment (empty for an outlier).
     */
    public List<Pick> recommend(Basket basket, OptionalInt segment) {
        return recommender.recommend(basket, segment, recommendationsPerCustomer, offer);
    }

    /**
     * Every segmented customer's recommendations from cleaned lines, customers ascending (outliers get
     * none: the reference rule has nothing for them, and the evaluation compares on segmented customers).
     */
    public List<Recommendation> recommendAll(Transactions lines, Segmentation segmentation) {
        CustomerGroups groups = CustomerGroups.of(lines);
        return recommendAll(segmentation, groups, Basket.of(lines, groups, recommender.catalogue()));
    }

    /**
     * As {@link #recommendAll(Transactions, Segmentation)} on baskets already built (a run builds them
     * once, to fit the recommender and to recommend).
     *
     * @param groups the cleaned lines' customers
     * @param baskets one per group, over this model's recommender's catalogue ({@link Basket#of})
     */
    public List<Recommendation> recommendAll(Segmentation segmentation, CustomerGroups groups, Basket[] baskets) {
        long[] customerIds = new long[groups.size()];
        for (int c = 0; c < customerIds.length; c++) {
            customerIds[c] = groups.customerId(c);
        }
        return recommendAll(segmentation, customerIds, baskets);
    }

    /**
     * As {@link #recommendAll(Segmentation, CustomerGroups, Basket[])} with the customers named by id (e.g.
     * baskets the Spark engine built), recommendations in the order of {@code customerIds}.
     */
    public List<Recommendation> recommendAll(Segmentation segmentation, long[] customerIds, Basket[] baskets) {
        if (baskets.length != customerIds.length) {
            throw new IllegalArgumentException("recommendAll: " + customerIds.length + " customers but "
                    + baskets.length + " baskets");
        }
        // Each customer's picks depend on that customer's basket alone, so the customers holding the second
        // half of the baskets' products may be done on another core without changing a bit (100 M generated
        // lines: 144,000 customers, a recommend stage of 11.5 s on one core)
        int n = customerIds.length;
        int split = n;
        if (n >= PARALLEL_FROM && Runtime.getRuntime().availableProcessors() > 1) {
            long total = 0;
            for (Basket b : baskets) {
                total += b.size();
            }
            long half = 0;
            split = 0;
            while (split < n && 2 * half < total) {
                half += baskets[split++].size();
            }
        }
        int from = split;
        ForkJoinTask<List<Recommendation>> upper = from == n ? null
                : ForkJoinPool.commonPool().submit(() -> recommendAll(segmentation, customerIds, baskets, from, n));
        List<Recommendation> out = recommendAll(segmentation, customerIds, baskets, 0, from);
        if (upper != null) {
            out.addAll(upper.join());
        }
        return out;
    }

    private List<Recommendation> recommendAll(Segmentation segmentation, long[] customerIds, Basket[] baskets,
                                              int from, int to) {
        Catalogue catalogue = recommender.catalogue();
        List<Recommendation> out = new ArrayList<>();
        for (int c = from; c < to; c++) {
            long id = customerIds[c];
            OptionalInt segment = segmentation.segmentOf(id);
            if (segment.isEmpty()) {
                continue;
            }
            List<Pick> picks = recommend(baskets[c], segment);
            for (int r = 0; r < picks.size(); r++) {
                Pick p = picks.get(r);
                out.add(new Recommendation(id, segment.getAsInt(), r + 1, catalogue.code(p.product()),
                        catalogue.description(p.product()), p.score(), p.reason()));
            }
        }
        return out;
    }

    /**
     * This model with the recommender {@code kind}: itself when it holds that recommender, and for
     * {@code segment-best-sellers} (whose lists every model keeps) the same model recommending by SPEC
     * section 7, new products only.
     *
     * @throws IllegalArgumentException when the model holds neither
     */
    public SegmentationModel withRecommender(RecommenderKind kind) {
        if (kind == recommender.kind()) {
            return this;
        }
        if (kind == RecommenderKind.SEGMENT_BEST_SELLERS) {
            return new SegmentationModel(provenance, compat, referenceDay, outliers, segmenter, segmentNames,
                    topProducts(), recommendationsPerCustomer, null, OfferMode.NEW_ONLY, customerValue);
        }
        throw new IllegalArgumentException("this model was fitted with the " + recommender.kind().id()
                + " recommender and holds segment-best-sellers too, not " + kind.id() + "; run 'retailseg run --recommender "
                + kind.id() + "' to fit a model with it");
    }

    /** The customer-value models, empty when the run could not fit them. */
    public Optional<CustomerValueModel> customerValue() {
        return customerValue;
    }

    /** The fitted recommender. */
    public ProductRecommender recommender() {
        return recommender;
    }

    /** Whether recommendations may repeat what the customer bought. */
    public OfferMode offer() {
        return offer;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    public Compat compat() {
        return compat;
    }

    /** The day recency is counted from: the last day of the training lines. */
    public LocalDate referenceDay() {
        return referenceDay;
    }

    public OutlierDetector outliers() {
        return outliers;
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    /** Number of segments. */
    public int k() {
        return segmenter.k();
    }

    /** The name of segment {@code id}. */
    public String segmentName(int id) {
        return segmentNames.get(id);
    }

    /** Segment names by id. */
    public List<String> segmentNames() {
        return segmentNames;
    }

    /** Every segment's best sellers, segment by segment, by rank. */
    public List<TopProduct> topProducts() {
        return bestSellers.stream().flatMap(List::stream)
                .sorted(Comparator.comparingInt(TopProduct::segment).thenComparingInt(TopProduct::rank)).toList();
    }

    /** Segment {@code s}'s best sellers, by rank. */
    public List<TopProduct> topProducts(int s) {
        return bestSellers.get(s);
    }

    public int recommendationsPerCustomer() {
        return recommendationsPerCustomer;
    }
}
