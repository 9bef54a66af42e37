package io.retailseg.config;

/** Which definition of the two features the reference analysis gets wrong (SPEC notes A and B). */
public enum Compat {
    /** SPEC's corrected definitions: every customer kept, cancellation rate per customer. */
    SPEC,
    /**
     * The reference notebook's quirks, for side-by-side comparison: Average_Days_Between_Purchases
     * as the mean gap between consecutive lines (customers with a single line dropped) and the
     * cancellation rate divided by a position-aligned series.
     */
    NOTEBOOK
}
