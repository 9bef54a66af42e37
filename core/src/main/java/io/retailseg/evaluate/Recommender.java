package io.retailseg.evaluate;

/** Ranks products for a customer of a {@link PurchaseHistory}: the thing the hold-out evaluation compares. */
public interface Recommender {
    /** Whether a recommender may propose what the customer already bought. */
    enum Mode {
        /** Never a product the customer has a line of (the reference's rule, SPEC section 7). */
        NEW_ONLY,
        /** Any product; repeat purchases count. */
        ANY
    }

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
    int[] recommend(int customer, int n, Mode mode);
}
