package io.retailseg.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The recommenders a run can fit into its model (docs/definitions.md section 7). */
public enum RecommenderKind {
    /** SPEC section 7: the segment's best sellers not yet bought, the reference. */
    SEGMENT_BEST_SELLERS,
    /** Item-to-item cosine similarity over customer x product baskets, top neighbours kept. */
    CO_PURCHASE,
    /** Steck's EASE, closed form, each product's largest weights kept. */
    EASE,
    /** Implicit-feedback matrix factorisation (Hu, Koren and Volinsky 2008), folded in per customer. */
    ALS,
    /** Local EASE on recency-weighted baskets, learned re-buys, the segment's best sellers as the prior. */
    HYBRID;

    /** The name on the command line and in files: lower case with dashes, e.g. {@code co-purchase}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value named {@code id} (any case; dashes or underscores). */
    @JsonCreator
    public static RecommenderKind of(String id) {
        for (RecommenderKind k : values()) {
            if (k.id().equalsIgnoreCase(id.replace('_', '-'))) {
                return k;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(RecommenderKind::id).toList()
                + ", found " + id);
    }
}
