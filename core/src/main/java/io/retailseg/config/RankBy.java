package io.retailseg.config;

/**
 * How a segment's best sellers are ranked (SPEC section 7 uses {@link #QUANTITY}). Ties always go to
 * the smaller StockCode, compared as text.
 */
public enum RankBy {
    /** Total quantity over the segment's cleaned lines, cancellations included (the reference). */
    QUANTITY,
    /** Number of distinct customers of the segment with a non-cancelled line of the product. */
    BUYERS,
    /** Total Quantity x UnitPrice over the segment's cleaned lines, cancellations included. */
    REVENUE
}
