package io.retailseg.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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
    REVENUE;

    /** The name as written in files and on the command line: lower case. */
    @JsonValue
    public String id() {
        return EnumIds.id(this);
    }

    /** The value named {@code id} (any case). */
    @JsonCreator
    public static RankBy of(String id) {
        return EnumIds.of(RankBy.class, id);
    }
}
