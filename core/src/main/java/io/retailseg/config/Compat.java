package io.retailseg.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which definition of the two features the reference analysis gets wrong (SPEC notes A and B). */
public enum Compat {
    /** SPEC's corrected definitions: every customer kept, cancellation rate per customer. */
    SPEC,
    /**
     * The reference notebook's quirks, for side-by-side comparison: Average_Days_Between_Purchases
     * as the mean gap between consecutive lines (customers with a single line dropped) and the
     * cancellation rate divided by a position-aligned series.
     */
    NOTEBOOK;

    /** The name as written in files and on the command line: lower case. */
    @JsonValue
    public String id() {
        return EnumIds.id(this);
    }

    /** The value named {@code id} (any case). */
    @JsonCreator
    public static Compat of(String id) {
        return EnumIds.of(Compat.class, id);
    }
}
