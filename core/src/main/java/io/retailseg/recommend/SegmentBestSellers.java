package io.retailseg.recommend;

import io.retailseg.clean.Cleaner;
import io.retailseg.config.RankBy;
import io.retailseg.domain.PrimitiveDictionaries;
import io.retailseg.domain.Segmentation;
import io.retailseg.domain.StringDictionary;
import io.retailseg.domain.Transactions;
import io.retailseg.features.CustomerGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** {@link #compute(Transactions, Segmentation, int, int, RankBy)} ranking by total quantity, the reference. */
    public static Result compute(Transactions lines, Segmentation segmentation, int topN, int perCustomer) {
        return compute(lines, segmentation, topN, perCustomer, RankBy.QUANTITY);
    }

    /**
     * @param lines cleaned lines
     * @param segmentation each customer's segment (none for outliers)
     * @param topN best sellers kept per segment
     * @param perCustomer recommendations per customer
     * @param rankBy how best sellers are ranked (ties: smaller StockCode first)
     */
    public static Result compute(Transactions lines, Segmentation segmentation, int topN, int perCustomer,
                                 RankBy rankBy) {
        CustomerGroups groups = CustomerGroups.of(lines);
        int[] segmentOfGroup = segmentOfGroups(groups, segmentation);
        Top best = top(lines, groups, segmentOfGroup, segmentation.k(), topN, rankBy);
        int[][] topCodes = best.codes();
        String[] description = best.description();
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
                        lines.stockCodes().decode(code), description[code], 1.0 / (rankOf(topCodes[s], code) + 1),
                        BestSellerRecommender.reason(rankOf(topCodes[s], code) + 1, rankBy)));
            }
        }
        return new Result(best.products(), recommendations);
    }

    /**
     * The best sellers of every segment alone, as {@link #compute(Transactions, Segmentation, int, int, RankBy)}
     * gives them, without the customers' recommendations (a run recommends with its model; at 100 M generated
     * lines the recommendations' sorts and searches were a third of this stage).
     *
     * @param groups the lines' customer groups ({@link CustomerGroups#of})
     */
    public static List<TopProduct> topProducts(Transactions lines, CustomerGroups groups, Segmentation segmentation,
                                               int topN, RankBy rankBy) {
        return top(lines, groups, segmentOfGroups(groups, segmentation), segmentation.k(), topN, rankBy).products();
    }

    /** Each segment's best sellers as products and as stock codes (row = segment), and every code's description. */
    private record Top(List<TopProduct> products, int[][] codes, String[] description) {
    }

    private static Top top(Transactions lines, CustomerGroups groups, int[] segmentOfGroup, int segments, int topN,
                           RankBy rankBy) {
        Totals totals = totals(lines, groups, segmentOfGroup, segments);
        String[] description = descriptions(lines);
        int[] codeRank = lines.stockCodes().sortRanks();
        List<TopProduct> top = new ArrayList<>();
        int[][] topCodes = new int[segments][];
        for (int s = 0; s < segments; s++) {
            int[] ranked = totals.ranked(s, rankBy, codeRank);
            topCodes[s] = Arrays.copyOf(ranked, Math.min(topN, ranked.length));
            for (int i = 0; i < topCodes[s].length; i++) {
                int code = topCodes[s][i];
                top.add(new TopProduct(s, i + 1, lines.stockCodes().decode(code), description[code],
                        totals.quantity[s][code]));
            }
        }
        return new Top(top, topCodes, description);
    }

    /**
     * Every product sold in each segment (not only the top N), best first by {@code rankBy}, ties by
     * smaller StockCode text: row = segment, values = stock codes of {@code lines.stockCodes()}.
     * The ranking {@link #compute} cuts its top products from.
     */
    public static int[][] ranking(Transactions lines, Segmentation segmentation, RankBy rankBy) {
        int segments = segmentation.k();
        CustomerGroups groups = CustomerGroups.of(lines);
        Totals totals = totals(lines, groups, segmentOfGroups(groups, segmentation), segments);
        int[] codeRank = lines.stockCodes().sortRanks();
        int[][] out = new int[segments][];
        for (int s = 0; s < segments; s++) {
            out[s] = totals.ranked(s, rankBy, codeRank);
        }
        return out;
    }

    private static int rankOf(int[] ranked, int code) {
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i] == code) {
                return i;
            }
        }
        throw new IllegalArgumentException("not ranked: " + code);
    }

    private static int[] segmentOfGroups(CustomerGroups groups, Segmentation segmentation) {
        int[] segmentOfGroup = new int[groups.size()];
        for (int c = 0; c < groups.size(); c++) {
            segmentOfGroup[c] = segmentation.segmentOf(groups.customerId(c)).orElse(-1);
        }
        return segmentOfGroup;
    }

    private static Totals totals(Transactions lines, CustomerGroups groups, int[] segmentOfGroup, int segments) {
        int products = lines.stockCodes().size();
        boolean[] cancelled = Cleaner.cancelledInvoices(lines.invoices());
        Totals t = new Totals(new long[segments][products], new double[segments][products],
                new int[segments][products], new boolean[segments][products]);
        int[] lastBuyer = new int[products];
        for (int c = 0; c < groups.size(); c++) {
            int s = segmentOfGroup[c];
            if (s < 0) {
                continue;
            }
            for (int p = groups.from(c); p < groups.to(c); p++) {
                int r = groups.line(p);
                int code = lines.stockCode(r);
                t.quantity[s][code] += lines.quantity(r);
                t.revenue[s][code] += lines.quantity(r) * lines.unitPrice(r);
                t.sold[s][code] = true;
                if (!cancelled[lines.invoice(r)] && lastBuyer[code] != c + 1) {
                    lastBuyer[code] = c + 1;
                    t.buyers[s][code]++;
                }
            }
        }
        return t;
    }

    /** Per segment and stock code: total quantity, revenue, distinct buyers, and whether it was sold. */
    private record Totals(long[][] quantity, double[][] revenue, int[][] buyers, boolean[][] sold) {
        /** Codes sold in segment s, best first by {@code by}, ties by stock code text ascending. */
        int[] ranked(int s, RankBy by, int[] codeRank) {
            List<Integer> codes = new ArrayList<>();
            for (int code = 0; code < sold[s].length; code++) {
                if (sold[s][code]) {
                    codes.add(code);
                }
            }
            codes.sort((a, b) -> {
                int primary = switch (by) {
                    case QUANTITY -> Long.compare(quantity[s][b], quantity[s][a]);
                    case BUYERS -> Integer.compare(buyers[s][b], buyers[s][a]);
                    case REVENUE -> Double.compare(revenue[s][b], revenue[s][a]);
                };
                return primary != 0 ? primary : Integer.compare(codeRank[a], codeRank[b]);
            });
            return codes.stream().mapToInt(Integer::intValue).toArray();
        }
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
