package io.retailseg.report;

/**
 * Colours of the report. Segments take the Okabe-Ito palette (Okabe &amp; Ito, "Color Universal Design",
 * 2002/2008), chosen to stay distinct for the common forms of colour blindness; its yellow comes last
 * because it is faint on white. Segments 8 to 14 (k can reach 15) take the darker colours of Paul
 * Tol's "muted" scheme (also designed for colour-blind readers) that differ most from the first eight;
 * with that many segments some pairs are close, and the legends and tooltips name every segment.
 */
final class Palette {
    private static final String[] SEGMENTS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
        "#000000", "#F0E442", "#332288", "#882255", "#44AA99", "#999933", "#CC6677", "#117733", "#DDCC77"};
    /** Outliers and anything that is not a segment. */
    static final String NEUTRAL = "#8C8C8C";
    /** One-colour charts (data quality, exploration). */
    static final String PRIMARY = "#0072B2";
    /** A second quantity beside {@link #PRIMARY}. */
    static final String SECONDARY = "#E69F00";
    /** Removed or cancelled quantities. */
    static final String REMOVED = "#D55E00";

    /**
     * Lines that are not segments (the recommenders of the evaluation): Paul Tol's "bright" scheme
     * (colour-blind safe; its grey fifth, where the evaluation draws the random baseline), then black and
     * the orange, teal and red of Tol's "vibrant" scheme: eleven, one per recommender of
     * {@code evaluation.json} format 2, so none repeats the reference rule's blue.
     */
    private static final String[] SERIES = {"#4477AA", "#EE6677", "#228833", "#CCBB44", "#BBBBBB", "#AA3377",
        "#66CCEE", "#000000", "#EE7733", "#009988", "#CC3311"};

    private Palette() {
    }

    /** Segments with a colour of their own; beyond, colours repeat. */
    static final int DISTINCT = SEGMENTS.length;

    /** The colour of segment {@code id}. */
    static String segment(int id) {
        return SEGMENTS[id % SEGMENTS.length];
    }

    /** The colour of the {@code i}-th line of a chart whose lines are not segments. */
    static String series(int i) {
        return SERIES[i % SERIES.length];
    }
}
