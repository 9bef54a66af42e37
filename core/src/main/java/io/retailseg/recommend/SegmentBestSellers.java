package io.retailseg.recommend;

import io.retailseg.domain.StringDictionary;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SPEC section 7: each segment's best sellers by total quantity over its customers' cleaned lines,
 * and for each segmented customer the first best sellers they never bought.
 */
public final class SegmentBestSellers {
    private SegmentBestSellers() {
    }

    /** The best sellers of every segment. */
    public record Result(List<TopProduct> topProducts, List<Recommendation> recommendations) {
        public Result {
            topProducts = List.copyOf(topProducts);
            recommendations = List.copyOf(recommendations);
        }

        /** The best sellers of one segment, by rank. */
        public List<TopProduct> topProducts(int segment) {
            return topProducts.stream().filter(p -> p.segment() == segment).toList();
        }
    }

    /**
     * @param lines cleaned lines
     * @param segmentOf segment of a customer id, or -1 for customers without segment (outliers)
     * @param segments number of segments
     * @param topN best sellers kept per segment
     * @param perCustomer recommendations per customer
     */
    public static Result compute(Transactions lines, Map<Long, Integer> segmentOf, int segments, int topN,
                                 int perCustomer) {
        CustomerGroups groups = CustomerGroups.of(lines);
        int[] segmentOfGroup = new int[groups.size()];
        for (int c = 0; c < groups.size(); c++) {
            segmentOfGroup[c] = segmentOf.getOrDefault(groups.customerId(c), -1);
        }
        int products = lines.stockCodes().size();
        long[][] quantity = new long[segments][products];
        boolean[][] sold = new boolean[segments][products];
        for (int c = 0; c < groups.size(); c++) {
            int s = segmentOfGroup[c];
            if (s < 0) {
                continue;
            }
            for (int p = groups.from(c); p < groups.to(c); p++) {
                int r = groups.line(p);
                quantity[s][lines.stockCode(r)] += lines.quantity(r);
                sold[s][lines.stockCode(r)] = true;
            }
        }
        String[] description = descriptions(lines);
        int[] codeRank = lines.stockCodes().sortRanks();
        List<TopProduct> top = new ArrayList<>();
        int[][] topCodes = new int[segments][];
        for (int s = 0; s < segments; s++) {
            topCodes[s] = best(quantity[s], sold[s], codeRank, topN);
            for (int i = 0; i < topCodes[s].length; i++) {
                int code = topCodes[s][i];
                top.add(new TopProduct(s, i + 1, lines.stockCodes().decode(code), description[code], quantity[s][code]));
            }
        }
        List<Recommendation> recommendations = new ArrayList<>();
        for (int c = 0; c < groups.size(); c++) {
            int s = segmentOfGroup[c];
            if (s < 0) {
                continue;
            }
            int[] bought = new int[groups.to(c) - groups.from(c)];
            for (int p = groups.from(c); p < groups.to(c); p++) {
                bought[p - groups.from(c)] = lines.stockCode(groups.line(p));
            }
            Arrays.sort(bought);
            List<Integer> ranked = Arrays.stream(topCodes[s]).boxed().toList();
            List<Integer> chosen = firstNotBought(ranked, code -> Arrays.binarySearch(bought, code) >= 0, perCustomer);
            for (int i = 0; i < chosen.size(); i++) {
                int code = chosen.get(i);
                recommendations.add(new Recommendation(groups.customerId(c), s, i + 1,
                        lines.stockCodes().decode(code), description[code]));
            }
        }
        return new Result(top, recommendations);
    }

    /**
     * The recommendation rule of SPEC section 7, shared by a run and by scoring with a saved model:
     * the first {@code perCustomer} of a segment's best sellers, in rank order, that the customer
     * never bought.
     *
     * @param ranked the segment's best sellers, best first
     * @param bought whether the customer bought a product (any cleaned line)
     */
    public static <T> List<T> firstNotBought(List<T> ranked, Predicate<T> bought, int perCustomer) {
        List<T> chosen = new ArrayList<>(perCustomer);
        for (T product : ranked) {
            if (chosen.size() == perCustomer) {
                break;
            }
            if (!bought.test(product)) {
                chosen.add(product);
            }
        }
        return chosen;
    }

    /** Codes sold in the segment, by quantity descending, ties by stock code text ascending. */
    private static int[] best(long[] quantity, boolean[] sold, int[] codeRank, int topN) {
        List<Integer> codes = new ArrayList<>();
        for (int code = 0; code < sold.length; code++) {
            if (sold[code]) {
                codes.add(code);
            }
        }
        codes.sort((a, b) -> {
            int byQuantity = Long.compare(quantity[b], quantity[a]);
            return byQuantity != 0 ? byQuantity : Integer.compare(codeRank[a], codeRank[b]);
        });
        return codes.stream().limit(topN).mapToInt(Integer::intValue).toArray();
    }

    /**
     * For every stock code, its most frequent description over the lines; ties go to the
     * alphabetically first description (the reference splits such products instead).
     */
    public static String[] descriptions(Transactions lines) {
        StringDictionary dict = lines.descriptions();
        int[] rank = dict.sortRanks();
        Map<Long, int[]> counts = new HashMap<>();
        for (int r = 0; r < lines.size(); r++) {
            if (lines.description(r) == Transactions.MISSING_DESCRIPTION) {
                continue;
            }
            long key = ((long) lines.stockCode(r) << 32) | lines.description(r);
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
        }
        int products = lines.stockCodes().size();
        int[] bestDescription = new int[products];
        int[] bestCount = new int[products];
        Arrays.fill(bestDescription, -1);
        for (Map.Entry<Long, int[]> e : counts.entrySet()) {
            int code = (int) (e.getKey() >>> 32);
            int desc = (int) (long) e.getKey();
            int count = e.getValue()[0];
            if (count > bestCount[code] || (count == bestCount[code] && rank[desc] < rank[bestDescription[code]])) {
                bestCount[code] = count;
                bestDescription[code] = desc;
            }
        }
        String[] out = new String[products];
        for (int code = 0; code < products; code++) {
            out[code] = bestDescription[code] < 0 ? "" : dict.decode(bestDescription[code]);
        }
        return out;
    }
}
