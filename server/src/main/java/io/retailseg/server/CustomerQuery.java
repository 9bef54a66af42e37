package io.retailseg.server;

import io.javalin.http.Context;
import io.retailseg.domain.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A listing of customers as the query asks it: the filter ({@code segment}, {@code q} an id prefix, a
 * {@code feature} between {@code min} and {@code max}), the sort ({@code sort} key and {@code order}, ties
 * by ascending CustomerID, so a sort is a total order and pages never overlap), then the page
 * ({@code offset}, {@code limit}). Server-side, so a client never has to fetch a whole segment to sort it.
 *
 * @param sort the sort key: {@code customer_id}, {@code outlier_score} or a feature's column name
 * @param descending whether the order is descending
 */
record CustomerQuery(Integer segment, String prefix, Feature feature, double min, double max, String sort,
                     boolean descending) {
    static final String CUSTOMER_ID = "customer_id";
    static final String OUTLIER_SCORE = "outlier_score";
    /** The features by column name, as the answers name them. */
    static final List<String> FEATURES = Arrays.stream(Feature.values()).map(Feature::columnName).toList();
    static final List<String> SORT_KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of(CUSTOMER_ID, OUTLIER_SCORE));
        keys.addAll(FEATURES);
        SORT_KEYS = List.copyOf(keys);
    }

    /** The query of a request's parameters; a bad one is a 400 naming the parameter. */
    static CustomerQuery of(Context ctx, Integer segment) {
        String q = ctx.queryParam("q");
        String prefix = q == null || q.isBlank() ? null : q.trim();
        if (prefix != null && !prefix.chars().allMatch(Character::isDigit)) {
            throw ApiException.badRequest("query parameter 'q': expected the first digits of a CustomerID, found \""
                    + ScoreRequest.printable(prefix.length() > 40 ? prefix.substring(0, 40) + "..." : prefix) + "\"");
        }
        String sort = choice(ctx, "sort", SORT_KEYS, CUSTOMER_ID);
        boolean descending = choice(ctx, "order", List.of("asc", "desc"), "asc").equals("desc");
        String featureName = ctx.queryParam("feature");
        Feature feature = null;
        if (featureName != null && !featureName.isEmpty()) {
            feature = Feature.values()[FEATURES.indexOf(choice(ctx, "feature", FEATURES, null))];
        }
        double min = number(ctx, "min", Double.NEGATIVE_INFINITY);
        double max = number(ctx, "max", Double.POSITIVE_INFINITY);
        if (feature == null && (ctx.queryParam("min") != null || ctx.queryParam("max") != null)) {
            throw ApiException.badRequest("query parameters 'min' and 'max' need 'feature': the feature to filter on");
        }
        return new CustomerQuery(segment, prefix, feature, min, max, sort, descending);
    }

    private static String choice(Context ctx, String name, List<String> allowed, String fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw ApiException.badRequest("query parameter '" + name + "': expected one of " + String.join(", ", allowed)
                    + ", found \"" + ScoreRequest.printable(v.length() > 40 ? v.substring(0, 40) + "..." : v) + "\"");
        }
        return v;
    }

    private static double number(Context ctx, String name, double fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter '" + name + "': expected a number, found \""
                    + ScoreRequest.printable(v.length() > 40 ? v.substring(0, 40) + "..." : v) + "\"");
        }
    }

    /** The indexes (into the snapshot's customers) of the customers that match, in the query's order. */
    List<Integer> apply(RunSnapshot s, double[] outlierScores) {
        List<RunSnapshot.Customer> all = s.customers();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            RunSnapshot.Customer c = all.get(i);
            if (segment != null && (c.outlier() || c.segment() != segment)) {
                continue;
            }
            if (prefix != null && !Long.toString(c.id()).startsWith(prefix)) {
                continue;
            }
            if (feature != null) {
                double v = c.features()[feature.ordinal()];
                if (v < min || v > max) {
                    continue;
                }
            }
            rows.add(i);
        }
        if (!sort.equals(CUSTOMER_ID) || descending) {
            Comparator<Integer> byKey = switch (sort) {
                case CUSTOMER_ID -> Comparator.comparingLong(i -> all.get(i).id());
                case OUTLIER_SCORE -> Comparator.comparingDouble(i -> outlierScores[i]);
                default -> {
                    int f = FEATURES.indexOf(sort);
                    yield Comparator.comparingDouble(i -> all.get(i).features()[f]);
                }
            };
            if (descending) {
                byKey = byKey.reversed();
            }
            // customers are by ascending id, so the id breaks ties
            rows.sort(byKey.thenComparingLong(i -> all.get(i).id()));
        }
        return rows;
    }

    String order() {
        return descending ? "desc" : "asc";
    }
}
