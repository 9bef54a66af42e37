package io.retailseg.report;

/**
 * Colours of the report. Segments take the Okabe-Ito palette (Okabe &amp; Ito, "Color Universal Design",
 * 2002/2008), chosen to stay distinct for the common forms of colour blindness; its yellow comes last
 * because it is faint on white. Past 8 segments, colours repeat with a dashed or hatched look added by
 * the charts' decal patterns, so the legend stays the reference.
 */
final class Palette {
    private static final String[] SEGMENTS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
        "#000000", "#F0E442"};
    /** Outliers and anything that is not a segment. */
    static final String NEUTRAL = "#8C8C8C";
    /** One-colour charts (data quality, exploration). */
    static final String PRIMARY = "#0072B2";
    /** A second quantity beside {@link #PRIMARY}. */
    static final String SECONDARY = "#E69F00";
    /** Removed or cancelled quantities. */
    static final String REMOVED = "#D55E00";

    private Palette() {
    }

    /** The colour of segment {@code id}. */
    static String segment(int id) {
        return SEGMENTS[id % SEGMENTS.length];
    }

    /** Whether segment {@code id} shares its colour with a lower segment (more than 8 segments). */
    static boolean repeats(int id) {
        return id >= SEGMENTS.length;
    }
}
