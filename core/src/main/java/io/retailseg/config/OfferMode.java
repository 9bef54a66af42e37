package io.retailseg.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Whether a recommender may offer what the customer already has a line of. */
public enum OfferMode {
    /** Never a product the customer has a line of, cancellations included (SPEC section 7's rule). */
    NEW_ONLY,
    /** Any product; re-buys count. */
    ANY;

    /** The name in files: {@code new_only} or {@code any}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value named {@code id}: {@code new}, {@code new-only}, {@code new_only} or {@code any}, any case. */
    @JsonCreator
    public static OfferMode of(String id) {
        String v = id.toLowerCase(Locale.ROOT).replace('-', '_');
        if (v.equals("new")) {
            return NEW_ONLY;
        }
        for (OfferMode m : values()) {
            if (m.id().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(OfferMode::id).toList()
                + " (or new), found " + id);
    }
}
