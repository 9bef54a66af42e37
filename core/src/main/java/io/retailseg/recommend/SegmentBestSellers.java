package io.retailseg.recommend;

import io.retailseg.domain.PrimitiveDictionaries;
import io.retailseg.domain.StringDictionary;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
            int rank = 0;
            for (int code : topCodes[s]) {
                if (rank == perCustomer) {
                    break;
                }
                if (Arrays.binarySearch(bought, code) < 0) {
                    rank++;
                    recommendations.add(new Recommendation(groups.customerId(c), s, rank,
                            lines.stockCodes().decode(code), description[code]));
                }
            }
        }
        return new Result(top, recommendations);
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
        // Most products have one description: count each product's first description in arrays, and
        // only the other (stock code, description) pairs in a primitive table with a mixing hash
        // (boxed Long keys hash to stockCode ^ description, which collides when the codes run in step).
        int products = lines.stockCodes().size();
        int[] firstDescription = new int[products];
        int[] firstCount = new int[products];
        Arrays.fill(firstDescription, Transactions.MISSING_DESCRIPTION);
        PrimitiveDictionaries.Longs pairs = new PrimitiveDictionaries.Longs();
        int[] counts = new int[1024];
        for (int r = 0; r < lines.size(); r++) {
            int description = lines.description(r);
            if (description == Transactions.MISSING_DESCRIPTION) {
                continue;
            }
            int code = lines.stockCode(r);
            if (firstDescription[code] == Transactions.MISSING_DESCRIPTION) {
                firstDescription[code] = description;
            }
            if (firstDescription[code] == description) {
                firstCount[code]++;
                continue;
            }
            int pair = pairs.encode(((long) code << 32) | description);
            if (pair == counts.length) {
                counts = Arrays.copyOf(counts, counts.length * 2);
            }
            counts[pair]++;
        }
        int[] bestDescription = firstDescription.clone();
        int[] bestCount = firstCount.clone();
        for (int pair = 0; pair < pairs.size(); pair++) {
            long key = pairs.value(pair);
            int code = (int) (key >>> 32);
            int desc = (int) key;
            int count = counts[pair];
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
