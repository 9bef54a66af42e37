package io.retailseg.pipeline;

import io.retailseg.domain.Feature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names segments in plain language from their standardized feature means, e.g. "Frequent high
 * spenders, UK". A name has a behaviour part (spend, frequency, recency) and a geography part
 * (share of UK customers); when two segments would share a name, the most distinctive feature
 * not yet used is added in brackets.
 */
final class SegmentNamer {
    /** A standardized mean beyond this counts as clearly above (or below) average. */
    static final double CLEAR = 0.5;
    /** A segment whose UK share is at least this is called UK. */
    static final double UK_SHARE = 0.85;
    /** A segment whose UK share is at most this is called international. */
    static final double INTERNATIONAL_SHARE = 0.25;

    /**
     * A segment whose customers' mean P(alive) (BG/NBD) is below this is called "at risk": on average its
     * customers are more likely to have stopped buying than not.
     */
    static final double AT_RISK = 0.5;

    private SegmentNamer() {
    }

    /**
     * @param meanProbabilityAlive per segment, its customers' mean P(alive) (NaN without a model): below
     *     {@link #AT_RISK} the name ends in ", at risk"
     */
    static List<String> names(List<double[]> standardizedMeans, List<Double> ukShares,
                              List<Double> meanProbabilityAlive) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < standardizedMeans.size(); s++) {
            names.add(base(standardizedMeans.get(s), ukShares.get(s))
                    + (meanProbabilityAlive.get(s) < AT_RISK ? ", at risk" : ""));
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                repeated.add(n);
            }
        }
        for (int s = 0; s < names.size(); s++) {
            if (repeated.contains(names.get(s))) {
                names.set(s, names.get(s) + " (" + label(mostDistinctive(standardizedMeans.get(s)).get(0),
                        standardizedMeans.get(s)) + ")");
            }
        }
        return names;
    }

    private static String base(double[] z, double ukShare) {
        double spend = z[Feature.TOTAL_SPEND.ordinal()];
        double frequency = z[Feature.TOTAL_TRANSACTIONS.ordinal()];
        double recency = z[Feature.DAYS_SINCE_LAST_PURCHASE.ordinal()];
        String behaviour;
        if (spend > CLEAR && frequency > CLEAR) {
            behaviour = "Frequent high spenders";
        } else if (spend > CLEAR) {
            behaviour = "High spenders";
        } else if (frequency > CLEAR) {
            behaviour = "Frequent buyers";
        } else if (recency > CLEAR) {
            behaviour = "Lapsed customers";
        } else if (spend < -CLEAR / 2 && frequency < -CLEAR / 2) {
            behaviour = "Occasional low spenders";
        } else if (recency < -CLEAR) {
            behaviour = "Recent regular customers";
        } else {
            behaviour = "Regular customers";
        }
        String geography = ukShare >= UK_SHARE ? "UK"
                : ukShare <= INTERNATIONAL_SHARE ? "international" : "mixed UK and international";
        return behaviour + ", " + geography;
    }

    /** Phrases for the features furthest from average, most distinctive first (at least one). */
    static List<String> describe(double[] z) {
        List<String> out = new ArrayList<>();
        for (Feature f : mostDistinctive(z)) {
            double v = z[f.ordinal()];
            if (out.size() == 3 || (Math.abs(v) < 0.25 && !out.isEmpty())) {
                break;
            }
            out.add(String.format(Locale.ROOT, "%s (%.1f sd %s average)", label(f, z), Math.abs(v),
                    v >= 0 ? "above" : "below"));
        }
        return out;
    }

    /** Features by distance from the average, largest first (ties: feature order). */
    private static List<Feature> mostDistinctive(double[] z) {
        List<Feature> order = new ArrayList<>(List.of(Feature.values()));
        order.sort(Comparator.comparingDouble((Feature f) -> -Math.abs(z[f.ordinal()])).thenComparing(Enum::ordinal));
        return order;
    }

    private static String label(Feature f, double[] means) {
        double z = means[f.ordinal()];
        return switch (f) {
            case DAYS_SINCE_LAST_PURCHASE -> z >= 0 ? "long since last purchase" : "bought recently";
            case TOTAL_TRANSACTIONS -> z >= 0 ? "many invoices" : "few invoices";
            case TOTAL_PRODUCTS_PURCHASED -> z >= 0 ? "large quantities" : "small quantities";
            case TOTAL_SPEND -> z >= 0 ? "high total spend" : "low total spend";
            case AVERAGE_TRANSACTION_VALUE -> z >= 0 ? "large baskets" : "small baskets";
            case UNIQUE_PRODUCTS_PURCHASED -> z >= 0 ? "wide product range" : "narrow product range";
            case AVERAGE_DAYS_BETWEEN_PURCHASES -> z >= 0 ? "long gaps between purchases" : "short gaps between purchases";
            case DAY_OF_WEEK -> z >= 0 ? "shops late in the week" : "shops early in the week";
            case HOUR -> z >= 0 ? "shops late in the day" : "shops early in the day";
            case IS_UK -> z >= 0 ? "mostly UK" : "mostly outside the UK";
            case CANCELLATION_FREQUENCY -> z >= 0 ? "many cancellations" : "few cancellations";
            case CANCELLATION_RATE -> z >= 0 ? "high cancellation rate" : "low cancellation rate";
            case MONTHLY_SPENDING_MEAN -> z >= 0 ? "high monthly spend" : "low monthly spend";
            case MONTHLY_SPENDING_STD -> z >= 0 ? "irregular monthly spend" : "steady monthly spend";
            case SPENDING_TREND -> z >= 0 ? "spend rising" : "spend falling";
        };
    }
}
