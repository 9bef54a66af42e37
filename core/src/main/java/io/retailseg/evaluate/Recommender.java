package io.retailseg.evaluate;

import io.retailseg.config.OfferMode;
/** Ranks products for a customer of a {@link PurchaseHistory}: the thing the hold-out evaluation compares. */
public interface Recommender {
    /** Short stable name, e.g. {@code segment_quantity}. */
    String name();

    /** One sentence saying what it recommends. */
    String description();

    /**
     * Up to {@code n} distinct stock codes for the customer, best first; in {@link Mode#NEW_ONLY} none
     * that {@link PurchaseHistory#bought} says the customer bought.
     *
     * @param customer index into the history the recommender was built on
     */
    int[] recommend(int customer, int n, OfferMode mode);
}
