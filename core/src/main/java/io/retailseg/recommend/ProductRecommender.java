package io.retailseg.recommend;

import io.retailseg.config.OfferMode;

import io.retailseg.config.RecommenderKind;
import java.util.List;
import java.util.OptionalInt;

/**
 * A fitted recommender, as the model holds it: ranks its {@link #catalogue()} for one customer from that
 * customer's {@link Basket} (and segment) alone, so it serves customers it was never trained on. Immutable
 * and thread-safe.
 */
public sealed interface ProductRecommender permits BestSellerRecommender, ItemItemRecommender, AlsRecommender {
    /** Which method this is. */
    RecommenderKind kind();

    /** The products it ranks. */
    Catalogue catalogue();

    /** The settings it was fitted with, by name, as {@code summary.json} and {@code model.json} record them. */
    java.util.Map<String, Object> parameters();

    /**
     * Up to {@code n} products for the customer, best first, equal scores by catalogue index (stock code
     * text); in {@link OfferMode#NEW_ONLY} none the basket has.
     *
     * @param segment the customer's segment, empty for an outlier or when there is no segmentation
     */
    List<Pick> recommend(Basket basket, OptionalInt segment, int n, OfferMode mode);
}
